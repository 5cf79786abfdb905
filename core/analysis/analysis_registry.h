#pragma once
// The analyses this build offers, in menu order. Built-ins are registered by
// registerBuiltinAnalyses(); later analyses add one line there.
#include <memory>
#include <string>
#include <vector>

#include "analysis/analysis.h"

namespace scdesk {

class AnalysisRegistry {
public:
    static AnalysisRegistry& instance(); // with the built-ins registered
    void add(std::shared_ptr<const Analysis> analysis);
    std::shared_ptr<const Analysis> find(const std::string& id) const;
    const std::vector<std::shared_ptr<const Analysis>>& all() const { return m_analyses; }

private:
    std::vector<std::shared_ptr<const Analysis>> m_analyses;
};

void registerBuiltinAnalyses(AnalysisRegistry& registry);

} // namespace scdesk
