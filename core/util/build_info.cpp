#include "util/build_info.h"

#include <Eigen/Core>
#include <hdf5.h>
#include <omp.h>

#include "util/version.h"

namespace scdesk {

std::string scdeskVersion()
{
    return SCDESK_VERSION;
}

std::string eigenVersion()
{
    return std::to_string(EIGEN_WORLD_VERSION) + "." + std::to_string(EIGEN_MAJOR_VERSION) + "."
           + std::to_string(EIGEN_MINOR_VERSION);
}

std::string hdf5Version()
{
    unsigned major = 0, minor = 0, release = 0;
    H5get_libversion(&major, &minor, &release);
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(release);
}

std::string openmpDescription()
{
    // _OPENMP is the yyyymm date of the supported specification.
    const int date = _OPENMP;
    const char* spec = date >= 202011 ? "5.1" : date >= 201811 ? "5.0" : date >= 201511 ? "4.5" : "4.0";
    return std::string("OpenMP ") + spec + ", " + std::to_string(omp_get_max_threads()) + " threads";
}

} // namespace scdesk
