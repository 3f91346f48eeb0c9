# Outputs are written, never destroyed (issue 18): symlinks, FIFOs, devices, the input file,
# read-only files, one file mode for every output, stdout errors, corrupted checkpoints.
foreach(c symlink fifo device input readonly mode devfull checkpoint)
  add_test(NAME cli_output_${c}
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/outputs/output_safety.sh $<TARGET_FILE:fulcrum_tool>
            ${CMAKE_CURRENT_BINARY_DIR}/output_${c} ${CMAKE_SOURCE_DIR}/scenarios/eu-emissions-1994.yaml ${c})
  set_tests_properties(cli_output_${c} PROPERTIES SKIP_RETURN_CODE 77)
endforeach()
