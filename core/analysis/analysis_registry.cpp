#include "analysis/analysis_registry.h"

#include "util/errors.h"

namespace scdesk {

AnalysisRegistry& AnalysisRegistry::instance()
{
    static AnalysisRegistry registry = [] {
        AnalysisRegistry r;
        registerBuiltinAnalyses(r);
        return r;
    }();
    return registry;
}

void AnalysisRegistry::add(std::shared_ptr<const Analysis> analysis)
{
    if (find(analysis->id()))
        throw Error("analysis '" + analysis->id() + "' registered twice");
    m_analyses.push_back(std::move(analysis));
}

std::shared_ptr<const Analysis> AnalysisRegistry::find(const std::string& id) const
{
    for (const auto& a : m_analyses)
        if (a->id() == id)
            return a;
    return nullptr;
}

} // namespace scdesk
