# mingw-clang.cmake - a CMake toolchain that compiles the example for 64-bit Windows
# on Linux with clang and the mingw-w64 headers (Debian: clang-19, mingw-w64-x86-64-dev).
# Only objects and a static library are built: no Windows linker is needed.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
find_program(AUTHDEMO_CLANG NAMES clang-19 clang REQUIRED)
find_program(AUTHDEMO_LLVM_AR NAMES llvm-ar-19 llvm-ar
             HINTS /usr/lib/llvm-19/bin REQUIRED)
set(CMAKE_C_COMPILER "${AUTHDEMO_CLANG}")
set(CMAKE_C_COMPILER_TARGET x86_64-w64-mingw32)
set(CMAKE_AR "${AUTHDEMO_LLVM_AR}" CACHE FILEPATH "archiver")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
