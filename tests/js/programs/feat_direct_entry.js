// direct entries: frames whose templates past the parameters are copied by the callee
// (even and odd word counts; by offsets, by post-indexed pairs, by a loop), called with
// fewer, as many and more arguments than parameters
function f1_0() {
  let v0 = "s0";
  return "" + "/" + v0;
}
function f2_1(p0) {
  let v0 = "s0";
  let v1 = 1.5;
  return p0 + "/" + v0 + "," + v1;
}
function f3_2(p0, p1) {
  let v0 = "s0";
  let v1 = 1.5;
  let v2 = undefined;
  return p0 + "|" + p1 + "/" + v0 + "," + v1 + "," + v2;
}
function f20_1(p0) {
  let v0 = "s0";
  let v1 = 1.5;
  let v2 = undefined;
  let v3 = "s3";
  let v4 = 4.5;
  let v5 = undefined;
  let v6 = "s6";
  let v7 = 7.5;
  let v8 = undefined;
  let v9 = "s9";
  let v10 = 10.5;
  let v11 = undefined;
  let v12 = "s12";
  let v13 = 13.5;
  let v14 = undefined;
  let v15 = "s15";
  let v16 = 16.5;
  let v17 = undefined;
  let v18 = "s18";
  let v19 = 19.5;
  return p0 + "/" + v0 + "," + v2 + "," + v4 + "," + v6 + "," + v8 + "," + v10 + "," + v12 + "," + v14 + "," + v16 + "," + v18;
}
function f21_2(p0, p1) {
  let v0 = "s0";
  let v1 = 1.5;
  let v2 = undefined;
  let v3 = "s3";
  let v4 = 4.5;
  let v5 = undefined;
  let v6 = "s6";
  let v7 = 7.5;
  let v8 = undefined;
  let v9 = "s9";
  let v10 = 10.5;
  let v11 = undefined;
  let v12 = "s12";
  let v13 = 13.5;
  let v14 = undefined;
  let v15 = "s15";
  let v16 = 16.5;
  let v17 = undefined;
  let v18 = "s18";
  let v19 = 19.5;
  let v20 = undefined;
  return p0 + "|" + p1 + "/" + v0 + "," + v3 + "," + v6 + "," + v9 + "," + v12 + "," + v15 + "," + v18;
}
function f55_1(p0) {
  let v0 = "s0";
  let v1 = 1.5;
  let v2 = undefined;
  let v3 = "s3";
  let v4 = 4.5;
  let v5 = undefined;
  let v6 = "s6";
  let v7 = 7.5;
  let v8 = undefined;
  let v9 = "s9";
  let v10 = 10.5;
  let v11 = undefined;
  let v12 = "s12";
  let v13 = 13.5;
  let v14 = undefined;
  let v15 = "s15";
  let v16 = 16.5;
  let v17 = undefined;
  let v18 = "s18";
  let v19 = 19.5;
  let v20 = undefined;
  let v21 = "s21";
  let v22 = 22.5;
  let v23 = undefined;
  let v24 = "s24";
  let v25 = 25.5;
  let v26 = undefined;
  let v27 = "s27";
  let v28 = 28.5;
  let v29 = undefined;
  let v30 = "s30";
  let v31 = 31.5;
  let v32 = undefined;
  let v33 = "s33";
  let v34 = 34.5;
  let v35 = undefined;
  let v36 = "s36";
  let v37 = 37.5;
  let v38 = undefined;
  let v39 = "s39";
  let v40 = 40.5;
  let v41 = undefined;
  let v42 = "s42";
  let v43 = 43.5;
  let v44 = undefined;
  let v45 = "s45";
  let v46 = 46.5;
  let v47 = undefined;
  let v48 = "s48";
  let v49 = 49.5;
  let v50 = undefined;
  let v51 = "s51";
  let v52 = 52.5;
  let v53 = undefined;
  let v54 = "s54";
  return p0 + "/" + v0 + "," + v7 + "," + v14 + "," + v21 + "," + v28 + "," + v35 + "," + v42 + "," + v49;
}
function f56_3(p0, p1, p2) {
  let v0 = "s0";
  let v1 = 1.5;
  let v2 = undefined;
  let v3 = "s3";
  let v4 = 4.5;
  let v5 = undefined;
  let v6 = "s6";
  let v7 = 7.5;
  let v8 = undefined;
  let v9 = "s9";
  let v10 = 10.5;
  let v11 = undefined;
  let v12 = "s12";
  let v13 = 13.5;
  let v14 = undefined;
  let v15 = "s15";
  let v16 = 16.5;
  let v17 = undefined;
  let v18 = "s18";
  let v19 = 19.5;
  let v20 = undefined;
  let v21 = "s21";
  let v22 = 22.5;
  let v23 = undefined;
  let v24 = "s24";
  let v25 = 25.5;
  let v26 = undefined;
  let v27 = "s27";
  let v28 = 28.5;
  let v29 = undefined;
  let v30 = "s30";
  let v31 = 31.5;
  let v32 = undefined;
  let v33 = "s33";
  let v34 = 34.5;
  let v35 = undefined;
  let v36 = "s36";
  let v37 = 37.5;
  let v38 = undefined;
  let v39 = "s39";
  let v40 = 40.5;
  let v41 = undefined;
  let v42 = "s42";
  let v43 = 43.5;
  let v44 = undefined;
  let v45 = "s45";
  let v46 = 46.5;
  let v47 = undefined;
  let v48 = "s48";
  let v49 = 49.5;
  let v50 = undefined;
  let v51 = "s51";
  let v52 = 52.5;
  let v53 = undefined;
  let v54 = "s54";
  let v55 = 55.5;
  return p0 + "|" + p1 + "|" + p2 + "/" + v0 + "," + v8 + "," + v16 + "," + v24 + "," + v32 + "," + v40 + "," + v48;
}
function f90_2(p0, p1) {
  let v0 = "s0";
  let v1 = 1.5;
  let v2 = undefined;
  let v3 = "s3";
  let v4 = 4.5;
  let v5 = undefined;
  let v6 = "s6";
  let v7 = 7.5;
  let v8 = undefined;
  let v9 = "s9";
  let v10 = 10.5;
  let v11 = undefined;
  let v12 = "s12";
  let v13 = 13.5;
  let v14 = undefined;
  let v15 = "s15";
  let v16 = 16.5;
  let v17 = undefined;
  let v18 = "s18";
  let v19 = 19.5;
  let v20 = undefined;
  let v21 = "s21";
  let v22 = 22.5;
  let v23 = undefined;
  let v24 = "s24";
  let v25 = 25.5;
  let v26 = undefined;
  let v27 = "s27";
  let v28 = 28.5;
  let v29 = undefined;
  let v30 = "s30";
  let v31 = 31.5;
  let v32 = undefined;
  let v33 = "s33";
  let v34 = 34.5;
  let v35 = undefined;
  let v36 = "s36";
  let v37 = 37.5;
  let v38 = undefined;
  let v39 = "s39";
  let v40 = 40.5;
  let v41 = undefined;
  let v42 = "s42";
  let v43 = 43.5;
  let v44 = undefined;
  let v45 = "s45";
  let v46 = 46.5;
  let v47 = undefined;
  let v48 = "s48";
  let v49 = 49.5;
  let v50 = undefined;
  let v51 = "s51";
  let v52 = 52.5;
  let v53 = undefined;
  let v54 = "s54";
  let v55 = 55.5;
  let v56 = undefined;
  let v57 = "s57";
  let v58 = 58.5;
  let v59 = undefined;
  let v60 = "s60";
  let v61 = 61.5;
  let v62 = undefined;
  let v63 = "s63";
  let v64 = 64.5;
  let v65 = undefined;
  let v66 = "s66";
  let v67 = 67.5;
  let v68 = undefined;
  let v69 = "s69";
  let v70 = 70.5;
  let v71 = undefined;
  let v72 = "s72";
  let v73 = 73.5;
  let v74 = undefined;
  let v75 = "s75";
  let v76 = 76.5;
  let v77 = undefined;
  let v78 = "s78";
  let v79 = 79.5;
  let v80 = undefined;
  let v81 = "s81";
  let v82 = 82.5;
  let v83 = undefined;
  let v84 = "s84";
  let v85 = 85.5;
  let v86 = undefined;
  let v87 = "s87";
  let v88 = 88.5;
  let v89 = undefined;
  return p0 + "|" + p1 + "/" + v0 + "," + v12 + "," + v24 + "," + v36 + "," + v48 + "," + v60 + "," + v72 + "," + v84;
}
function f91_0() {
  let v0 = "s0";
  let v1 = 1.5;
  let v2 = undefined;
  let v3 = "s3";
  let v4 = 4.5;
  let v5 = undefined;
  let v6 = "s6";
  let v7 = 7.5;
  let v8 = undefined;
  let v9 = "s9";
  let v10 = 10.5;
  let v11 = undefined;
  let v12 = "s12";
  let v13 = 13.5;
  let v14 = undefined;
  let v15 = "s15";
  let v16 = 16.5;
  let v17 = undefined;
  let v18 = "s18";
  let v19 = 19.5;
  let v20 = undefined;
  let v21 = "s21";
  let v22 = 22.5;
  let v23 = undefined;
  let v24 = "s24";
  let v25 = 25.5;
  let v26 = undefined;
  let v27 = "s27";
  let v28 = 28.5;
  let v29 = undefined;
  let v30 = "s30";
  let v31 = 31.5;
  let v32 = undefined;
  let v33 = "s33";
  let v34 = 34.5;
  let v35 = undefined;
  let v36 = "s36";
  let v37 = 37.5;
  let v38 = undefined;
  let v39 = "s39";
  let v40 = 40.5;
  let v41 = undefined;
  let v42 = "s42";
  let v43 = 43.5;
  let v44 = undefined;
  let v45 = "s45";
  let v46 = 46.5;
  let v47 = undefined;
  let v48 = "s48";
  let v49 = 49.5;
  let v50 = undefined;
  let v51 = "s51";
  let v52 = 52.5;
  let v53 = undefined;
  let v54 = "s54";
  let v55 = 55.5;
  let v56 = undefined;
  let v57 = "s57";
  let v58 = 58.5;
  let v59 = undefined;
  let v60 = "s60";
  let v61 = 61.5;
  let v62 = undefined;
  let v63 = "s63";
  let v64 = 64.5;
  let v65 = undefined;
  let v66 = "s66";
  let v67 = 67.5;
  let v68 = undefined;
  let v69 = "s69";
  let v70 = 70.5;
  let v71 = undefined;
  let v72 = "s72";
  let v73 = 73.5;
  let v74 = undefined;
  let v75 = "s75";
  let v76 = 76.5;
  let v77 = undefined;
  let v78 = "s78";
  let v79 = 79.5;
  let v80 = undefined;
  let v81 = "s81";
  let v82 = 82.5;
  let v83 = undefined;
  let v84 = "s84";
  let v85 = 85.5;
  let v86 = undefined;
  let v87 = "s87";
  let v88 = 88.5;
  let v89 = undefined;
  let v90 = "s90";
  return "" + "/" + v0 + "," + v13 + "," + v26 + "," + v39 + "," + v52 + "," + v65 + "," + v78;
}
let out = [];
let total = 0;
for (let i = 0; i < 30; i++) {
  out = [
    f1_0(),
    f1_0(i, "a1"),
    f2_1(),
    f2_1(i),
    f2_1(i, "a1", "a2"),
    f3_2(),
    f3_2(i),
    f3_2(i, "a1"),
    f3_2(i, "a1", "a2", "a3"),
    f20_1(),
    f20_1(i),
    f20_1(i, "a1", "a2"),
    f21_2(),
    f21_2(i),
    f21_2(i, "a1"),
    f21_2(i, "a1", "a2", "a3"),
    f55_1(),
    f55_1(i),
    f55_1(i, "a1", "a2"),
    f56_3(),
    f56_3(i, "a1"),
    f56_3(i, "a1", "a2"),
    f56_3(i, "a1", "a2", "a3", "a4"),
    f90_2(),
    f90_2(i),
    f90_2(i, "a1"),
    f90_2(i, "a1", "a2", "a3"),
    f91_0(),
    f91_0(i, "a1"),
  ];
  for (const s of out) total += s.length;
}
for (const s of out) console.log(s);
console.log("total", total);
function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); }
console.log(depth(4500), depth(100));
