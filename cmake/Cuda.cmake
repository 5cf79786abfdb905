# Decides whether gpu/ builds CUDA code. SCDESK_CUDA=AUTO builds it when nvcc is found,
# ON requires it, OFF skips it. Sets SCDESK_HAVE_CUDA.
set(SCDESK_HAVE_CUDA OFF)
if(NOT SCDESK_CUDA STREQUAL "OFF")
  include(CheckLanguage)
  if(NOT CMAKE_CUDA_COMPILER AND EXISTS /usr/local/cuda/bin/nvcc)
    set(CMAKE_CUDA_COMPILER /usr/local/cuda/bin/nvcc)
  endif()
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER)
    if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
      # sm_90 (Hopper) is required; 80 covers Ampere data-centre parts, 89 Ada workstations.
      set(CMAKE_CUDA_ARCHITECTURES 80 89 90)
    endif()
    enable_language(CUDA)
    find_package(CUDAToolkit REQUIRED)
    # CMake 3.25 knows no C++20 dialect flag for nvcc, although nvcc 12+ accepts -std=c++20; without
    # these, CUDA targets of this C++20 project fail to generate. Newer CMake defines them itself.
    if(CMAKE_CUDA_COMPILER_ID STREQUAL "NVIDIA" AND CMAKE_CUDA_COMPILER_VERSION VERSION_GREATER_EQUAL 12.0
       AND NOT CMAKE_CUDA20_STANDARD_COMPILE_OPTION)
      set(CMAKE_CUDA20_STANDARD_COMPILE_OPTION "-std=c++20")
      set(CMAKE_CUDA20_EXTENSION_COMPILE_OPTION "-std=c++20")
    endif()
    set(SCDESK_HAVE_CUDA ON)
  elseif(SCDESK_CUDA STREQUAL "ON")
    message(FATAL_ERROR "SCDESK_CUDA=ON but no CUDA compiler (nvcc) was found")
  endif()
endif()
message(STATUS "scDesk CUDA back end: ${SCDESK_HAVE_CUDA} (SCDESK_CUDA=${SCDESK_CUDA})")
