"""The heap VM: a64js's interpreter over value words, frames on the word stack and cells
in data memory (``a64js.heap``), the execution mode the baseline JIT shares frames with.
See DESIGN.md, "Heap VM"; the JIT's entry points are in :mod:`a64js.hvm.interp`."""
