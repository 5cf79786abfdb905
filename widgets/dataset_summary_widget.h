#pragma once
// The Dataset dock's body: shape, X storage, memory estimate, obs/var columns, layers, obsm, uns.
#include <QWidget>
#include <memory>

class QLabel;
class QTreeWidget;

namespace scdesk {

struct Dataset;

class DatasetSummaryWidget : public QWidget {
    Q_OBJECT
public:
    explicit DatasetSummaryWidget(QWidget* parent = nullptr);
    void setDataset(std::shared_ptr<const Dataset> dataset, const QString& title);
    // "20,000 cells × 2,000 genes" as shown in the header line (for tests and the window title).
    QString shapeText() const;

private:
    QLabel* m_title;
    QLabel* m_shape;
    QTreeWidget* m_tree;
};

QString formatBytes(qint64 bytes);

} // namespace scdesk
