"""Pure encoding functions: integers in, 32-bit instruction words out.

Each module is named after an ARM ARM encoding group and holds small functions
named after its encoding classes (``addsub_imm``, ``logical_shifted``...). They
take already-validated register numbers and raw field values, check and pack
every field, and know nothing about registers objects, labels or buffers.
"""
