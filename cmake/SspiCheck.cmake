# SspiCheck.cmake - run sspi-check over a CMake project's compilation database.
#
#   list(APPEND CMAKE_MODULE_PATH "${CMAKE_SOURCE_DIR}/cmake")   # where this file lives
#   include(SspiCheck)            # turns CMAKE_EXPORT_COMPILE_COMMANDS ON: include it
#                                 # before the targets to check are created
#   add_executable(client client.c)
#   sspi_check_add_target(sspi-check
#     [SOURCES file...]           # only these files (default: the whole database)
#     [ARGS option...]            # more sspi-check options: --checks=..., --fail-on=...,
#                                 # --format sarif -o ${CMAKE_BINARY_DIR}/sspi.sarif
#     [DEPENDS target...]         # build these first (generated headers)
#     [ALL])                      # part of the default build
#
#   cmake --build build --target sspi-check
#
# The target runs `sspi-check -p ${CMAKE_BINARY_DIR} [ARGS] [SOURCES]` in
# ${CMAKE_SOURCE_DIR} (so .sspi-check.yaml there is found and paths in reports are
# relative to the source tree). It fails (non-zero) when sspi-check reports findings
# that --fail-on selects, like a compiler error would. The executable is looked up as
# SSPI_CHECK_EXECUTABLE (cache variable; set it to use a build-tree binary).
# compile_commands.json is written by the Makefile and Ninja generators only.

set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

if(NOT SSPI_CHECK_EXECUTABLE)
  find_program(SSPI_CHECK_EXECUTABLE NAMES sspi-check
               DOC "sspi-check executable used by sspi_check_add_target()")
endif()

function(sspi_check_add_target NAME)
  cmake_parse_arguments(PARSE_ARGV 1 SC "ALL" "" "SOURCES;ARGS;DEPENDS")
  if(SC_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "sspi_check_add_target(${NAME}): unknown arguments: ${SC_UNPARSED_ARGUMENTS}")
  endif()
  if(TARGET ${NAME})
    message(FATAL_ERROR "sspi_check_add_target(${NAME}): a target of that name exists already")
  endif()
  set(all_flag "")
  if(SC_ALL)
    set(all_flag ALL)
  endif()
  if(NOT CMAKE_GENERATOR MATCHES "Makefiles|Ninja")
    message(WARNING "sspi_check_add_target(${NAME}): the ${CMAKE_GENERATOR} generator writes "
                    "no compile_commands.json; use a Makefile or Ninja generator")
  endif()
  if(NOT SSPI_CHECK_EXECUTABLE)
    # Configure anyway (developers without the tool), but make the target fail clearly.
    add_custom_target(${NAME} ${all_flag}
      COMMAND ${CMAKE_COMMAND} -E echo "sspi-check: executable not found; set SSPI_CHECK_EXECUTABLE"
      COMMAND ${CMAKE_COMMAND} -E false
      VERBATIM)
    return()
  endif()
  set(sources "")
  foreach(src IN LISTS SC_SOURCES)
    get_filename_component(abs "${src}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND sources "${abs}")
  endforeach()
  add_custom_target(${NAME} ${all_flag}
    COMMAND "${SSPI_CHECK_EXECUTABLE}" -p "${CMAKE_BINARY_DIR}" ${SC_ARGS} ${sources}
    WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}"
    COMMENT "Checking SSPI handle use with sspi-check"
    VERBATIM
    USES_TERMINAL)
  if(SC_DEPENDS)
    add_dependencies(${NAME} ${SC_DEPENDS})
  endif()
endfunction()
