# Turns a text file into a C source defining fc_builtin_text_ (bytes) and its length, or NAME
# and NAME_len_ when -DNAME=... is given (another table compiled in).
if(NOT DEFINED NAME)
  set(NAME fc_builtin_text_)
endif()
file(READ ${INPUT} HEX HEX)
string(LENGTH "${HEX}" HEX_LEN)
math(EXPR BYTES "${HEX_LEN} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," BODY "${HEX}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" BODY "${BODY}")
file(WRITE ${OUTPUT} "/* Generated from ${INPUT} by cmake/embed.cmake. Do not edit. */\n#include <stddef.h>\nconst char ${NAME}[] = {\n${BODY}0x00};\nconst size_t ${NAME}len_ = ${BYTES};\n")
