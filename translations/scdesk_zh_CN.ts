<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>main</name>
    <message>
        <source>scDesk: single-cell genomics on the desktop.</source>
        <translation>scDesk：桌面端单细胞基因组学。</translation>
    </message>
    <message>
        <source>Open the built-in demo dataset.</source>
        <translation>打开内置的演示数据集。</translation>
    </message>
    <message>
        <source>Seed of the demo dataset (default 0).</source>
        <translation>演示数据集的随机种子（默认为 0）。</translation>
    </message>
    <message>
        <source>Load the data, save the main window as a PNG and quit.</source>
        <translation>加载数据，将主窗口保存为 PNG 后退出。</translation>
    </message>
    <message>
        <source>An .h5ad file to open.</source>
        <translation>要打开的 .h5ad 文件。</translation>
    </message>
    <message>
        <source>Tab to show once the data are loaded: embedding, cells or genes.</source>
        <translation>数据加载后显示的标签页：embedding、cells 或 genes。</translation>
    </message>
    <message>
        <source>Unknown tab &apos;%1&apos;: use embedding, cells or genes.</source>
        <translation>未知的标签页“%1”：请使用 embedding、cells 或 genes。</translation>
    </message>
    <message>
        <source>Once the data are loaded, run this saved job spec (JSON).</source>
        <translation>数据加载后，运行此已保存的任务规格（JSON）。</translation>
    </message>
</context>
<context>
    <name>scdesk::Analysis</name>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Matrix</source>
        <translation>矩阵</translation>
    </message>
    <message>
        <source>X or the layer to summarise.</source>
        <translation>要汇总的 X 或 layer。</translation>
    </message>
    <message>
        <source>Variance</source>
        <translation>方差</translation>
    </message>
    <message>
        <source>Minimum cells</source>
        <translation>最少细胞数</translation>
    </message>
    <message>
        <source>Minimum mean</source>
        <translation>最小均值</translation>
    </message>
    <message>
        <source>Gene statistics</source>
        <translation>基因统计</translation>
    </message>
    <message>
        <source>Per-gene mean, variance, dispersion and the fraction of cells expressing each gene, with a simple expression filter. Results are added to the gene table.</source>
        <translation>计算每个基因的均值、方差、离散度以及表达该基因的细胞比例，并提供简单的表达过滤。结果将添加到基因表中。</translation>
    </message>
    <message>
        <source>sample divides by n - 1 (scanpy, numpy ddof=1); population divides by n.</source>
        <translation>sample 除以 n - 1（与 scanpy、numpy ddof=1 相同）；population 除以 n。</translation>
    </message>
    <message>
        <source>A gene passes the filter when at least this many cells express it.</source>
        <translation>基因须在至少这么多个细胞中表达才能通过过滤。</translation>
    </message>
    <message>
        <source>A gene passes the filter only when its mean is at least this value.</source>
        <translation>只有均值不低于此值的基因才能通过过滤。</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>Design</source>
        <translation>设计</translation>
    </message>
    <message>
        <source>Pseudobulk</source>
        <translation>伪批量 (pseudobulk)</translation>
    </message>
    <message>
        <source>Counts matrix</source>
        <translation>计数矩阵</translation>
    </message>
    <message>
        <source>X or the layer holding raw counts (non-negative integers).</source>
        <translation>X 或存放原始计数（非负整数）的 layer。</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>Categorical obs column with the conditions to compare.</source>
        <translation>包含待比较条件的分类型 obs 列。</translation>
    </message>
    <message>
        <source>Reference level</source>
        <translation>参照水平</translation>
    </message>
    <message>
        <source>The level of the condition the others are compared with (the intercept).</source>
        <translation>条件中作为其他水平比较基准的水平（即截距）。</translation>
    </message>
    <message>
        <source>Covariates</source>
        <translation>协变量</translation>
    </message>
    <message>
        <source>Comma-separated obs columns added to the design (batch, donor, ...).</source>
        <translation>添加到设计中的 obs 列，以逗号分隔（批次、供体等）。</translation>
    </message>
    <message>
        <source>Tested coefficient</source>
        <translation>待检验系数</translation>
    </message>
    <message>
        <source>Design column to test, e.g. condition[T.stimulated]; empty: the last condition column.</source>
        <translation>要检验的设计列，例如 condition[T.stimulated]；留空：使用条件的最后一列。</translation>
    </message>
    <message>
        <source>Size factors</source>
        <translation>大小因子</translation>
    </message>
    <message>
        <source>normed_sum: library sizes (glmGamPoi&apos;s default); poscounts and ratio: DESeq2-style medians of ratios.</source>
        <translation>normed_sum：文库大小（glmGamPoi 的默认值）；poscounts 和 ratio：DESeq2 风格的比值中位数。</translation>
    </message>
    <message>
        <source>Pseudobulk by sample</source>
        <translation>按样本生成伪批量</translation>
    </message>
    <message>
        <source>Sum the counts of each sample (this obs column) before fitting; samples with fewer than 5 cells or 5000 counts are dropped. Empty: fit cells.</source>
        <translation>拟合前对每个样本（此 obs 列）的计数求和；少于 5 个细胞或 5000 个计数的样本将被舍弃。留空：直接对细胞进行拟合。</translation>
    </message>
    <message>
        <source>Per group</source>
        <translation>按组</translation>
    </message>
    <message>
        <source>Fit each level of this obs column (e.g. cell type) separately; p-values are adjusted across all groups.</source>
        <translation>对此 obs 列的每个水平（例如细胞类型）分别拟合；p 值在所有组之间统一校正。</translation>
    </message>
    <message>
        <source>Differential expression (delnx NB GLM)</source>
        <translation>差异表达（delnx NB GLM）</translation>
    </message>
    <message>
        <source>Negative-binomial GLM with a quasi-likelihood F-test (delnx nb_fit / nb_test, glmGamPoi&apos;s algorithm) comparing the levels of a condition, optionally with covariates, on pseudobulk samples or single cells, for all cells or per cell type. Results are added to the gene table.</source>
        <translation>使用带拟似然 F 检验的负二项广义线性模型（delnx nb_fit / nb_test，glmGamPoi 的算法）比较某一条件的各个水平，可选加入协变量，基于伪批量样本或单个细胞，针对所有细胞或按细胞类型分别进行。结果将添加到基因表中。</translation>
    </message>
    <message>
        <source>Diffusion map</source>
        <translation>扩散映射</translation>
    </message>
    <message>
        <source>Input representation</source>
        <translation>输入表示</translation>
    </message>
    <message>
        <source>The obsm matrix the neighbour graph is built on, usually the PCA (X_pca).</source>
        <translation>构建近邻图所用的 obsm 矩阵，通常为 PCA（X_pca）。</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>分量数</translation>
    </message>
    <message>
        <source>Number of diffusion components, the first being the trivial constant one.</source>
        <translation>扩散分量的数目，其中第一个是平凡的常数分量。</translation>
    </message>
    <message>
        <source>Neighbours</source>
        <translation>近邻数</translation>
    </message>
    <message>
        <source>Nearest neighbours per cell (counting the cell itself, as scanpy does); the kernel width of a cell is the distance to its knn/3-th neighbour.</source>
        <translation>每个细胞的最近邻数（与 scanpy 一样，包括细胞自身）；细胞的核宽度为其到第 knn/3 个近邻的距离。</translation>
    </message>
    <message>
        <source>Output key</source>
        <translation>输出键</translation>
    </message>
    <message>
        <source>The obsm key for the diffusion components; the eigenvalues go to uns (DM_EigenValues for DM_EigenVectors).</source>
        <translation>扩散分量所用的 obsm 键；特征值存入 uns（DM_EigenVectors 对应 DM_EigenValues）。</translation>
    </message>
    <message>
        <source>Diffusion map (Palantir)</source>
        <translation>扩散映射（Palantir）</translation>
    </message>
    <message>
        <source>Computes Palantir&apos;s diffusion map: a neighbour graph with an adaptive exponential kernel, its random-walk transition matrix and that matrix&apos;s leading eigenvectors. The result (DM_EigenVectors) is the cell-state space Kompot and Mellon expect.</source>
        <translation>计算 Palantir 的扩散映射：带自适应指数核的近邻图、其随机游走转移矩阵以及该矩阵的主特征向量。结果（DM_EigenVectors）即 Kompot 和 Mellon 所需的细胞状态空间。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Thresholds</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Condition column</source>
        <translation>条件列</translation>
    </message>
    <message>
        <source>The obs column holding the conditions to compare.</source>
        <translation>包含待比较条件的 obs 列。</translation>
    </message>
    <message>
        <source>Reference condition</source>
        <translation>参照条件</translation>
    </message>
    <message>
        <source>Fold changes go from this condition to condition 2.</source>
        <translation>倍数变化从此条件指向条件 2。</translation>
    </message>
    <message>
        <source>Test condition</source>
        <translation>检验条件</translation>
    </message>
    <message>
        <source>Positive fold changes mean more cells here.</source>
        <translation>正的倍数变化表示此条件下细胞更多。</translation>
    </message>
    <message>
        <source>Cell-state embedding</source>
        <translation>细胞状态嵌入</translation>
    </message>
    <message>
        <source>The obsm matrix densities are estimated in (Palantir&apos;s diffusion map).</source>
        <translation>用于估计密度的 obsm 矩阵（Palantir 的扩散映射）。</translation>
    </message>
    <message>
        <source>Compute DM_EigenVectors from X_pca if missing</source>
        <translation>若缺少 DM_EigenVectors，则由 X_pca 计算</translation>
    </message>
    <message>
        <source>When obsm has no DM_EigenVectors, first compute Palantir&apos;s diffusion map (30 neighbours, 10 components) from X_pca and store it with the results.</source>
        <translation>若 obsm 中没有 DM_EigenVectors，先由 X_pca 计算 Palantir 的扩散映射（30 个近邻、10 个分量），并与结果一同保存。</translation>
    </message>
    <message>
        <source>Sample column</source>
        <translation>样本列</translation>
    </message>
    <message>
        <source>Optional: adds the variance between samples (replicates) to the uncertainty.</source>
        <translation>可选：将样本（重复）之间的方差计入不确定性。</translation>
    </message>
    <message>
        <source>Landmarks</source>
        <translation>地标点</translation>
    </message>
    <message>
        <source>0: Kompot&apos;s default (exact up to 5000 cells per condition, else 5000 landmarks per condition); otherwise this many landmarks shared by both.</source>
        <translation>0：Kompot 的默认设置（每个条件不超过 5000 个细胞时精确计算，否则每个条件使用 5000 个地标点）；其他值：两个条件共享该数目的地标点。</translation>
    </message>
    <message>
        <source>Log fold change threshold</source>
        <translation>对数倍数变化阈值</translation>
    </message>
    <message>
        <source>Natural-log fold change a cell must exceed to be called.</source>
        <translation>细胞被判定为变化所需超过的自然对数倍数变化。</translation>
    </message>
    <message>
        <source>Tail probability threshold</source>
        <translation>尾概率阈值</translation>
    </message>
    <message>
        <source>A cell is called only when its posterior tail probability is below this.</source>
        <translation>仅当细胞的后验尾概率低于此值时才判定为变化。</translation>
    </message>
    <message>
        <source>Differential abundance (Kompot)</source>
        <translation>差异丰度（Kompot）</translation>
    </message>
    <message>
        <source>Estimates the cell density of each condition over the cell-state embedding with Mellon and compares them cell by cell: a log fold change with its uncertainty, a z-score, a posterior tail probability and an up/down/neutral call.</source>
        <translation>用 Mellon 在细胞状态嵌入上估计每个条件的细胞密度，并逐个细胞进行比较：给出对数倍数变化及其不确定性、z 分数、后验尾概率以及增加/减少/中性的判定。</translation>
    </message>
    <message>
        <source>Significance</source>
        <translation>显著性</translation>
    </message>
    <message>
        <source>Positive fold changes mean higher expression here.</source>
        <translation>正的倍数变化表示此条件下表达更高。</translation>
    </message>
    <message>
        <source>The obsm matrix expression is smoothed over (Palantir&apos;s diffusion map).</source>
        <translation>用于平滑表达量的 obsm 矩阵（Palantir 的扩散映射）。</translation>
    </message>
    <message>
        <source>Expression matrix</source>
        <translation>表达矩阵</translation>
    </message>
    <message>
        <source>X or the layer holding the expression (log-normalised, or raw counts that are normalised on the fly).</source>
        <translation>存放表达量的 X 或 layer（对数归一化的数据，或将在读取时归一化的原始计数）。</translation>
    </message>
    <message>
        <source>Genes</source>
        <translation>基因</translation>
    </message>
    <message>
        <source>Optional: comma-separated gene names to analyse; empty: all genes.</source>
        <translation>可选：要分析的基因名，以逗号分隔；留空：全部基因。</translation>
    </message>
    <message>
        <source>Optional: adds the variance between samples (replicates) to the Mahalanobis distance.</source>
        <translation>可选：将样本（重复）之间的方差计入马氏距离。</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Optional: an obs column (e.g. cell type); each group also gets its own mean fold change, distance and FDR.</source>
        <translation>可选：一个 obs 列（例如细胞类型）；每个分组还会得到各自的平均倍数变化、距离和 FDR。</translation>
    </message>
    <message>
        <source>Landmarks shared by both conditions (k-means of all their cells); fewer is faster and coarser.</source>
        <translation>两个条件共享的地标点（对其全部细胞做 k-means）；越少越快，也越粗糙。</translation>
    </message>
    <message>
        <source>Length scale from</source>
        <translation>长度尺度来源</translation>
    </message>
    <message>
        <source>Which cells set the smoothing length scale: condition 1 (Kompot&apos;s default), condition 2, their size-weighted mean, or both pooled.</source>
        <translation>由哪些细胞决定平滑的长度尺度：条件 1（Kompot 的默认）、条件 2、二者按细胞数加权的平均，或二者合并。</translation>
    </message>
    <message>
        <source>Normalisation</source>
        <translation>归一化</translation>
    </message>
    <message>
        <source>auto: raw counts become log1p(counts per 10,000), anything else is used as is; none: as is; log1p_cp10k: always normalise.</source>
        <translation>auto：原始计数转换为 log1p（每 10,000 计数），其他数据原样使用；none：原样使用；log1p_cp10k：始终归一化。</translation>
    </message>
    <message>
        <source>Null genes</source>
        <translation>零假设基因</translation>
    </message>
    <message>
        <source>Permuted genes behind the FDR; -1: 2000 without a sample column, 0 (no FDR) with one.</source>
        <translation>用于计算 FDR 的置换基因；-1：无样本列时为 2000，有样本列时为 0（不计算 FDR）。</translation>
    </message>
    <message>
        <source>FDR threshold</source>
        <translation>FDR 阈值</translation>
    </message>
    <message>
        <source>A gene is called DE when its local FDR is below this.</source>
        <translation>基因的局部 FDR 低于此值时判定为差异表达。</translation>
    </message>
    <message>
        <source>Differential expression (Kompot)</source>
        <translation>差异表达（Kompot）</translation>
    </message>
    <message>
        <source>Smooths each gene&apos;s expression over the cell-state embedding separately in both conditions (Gaussian-process regression on shared landmarks) and compares the two surfaces: fold changes per cell, a mean log fold change and a Mahalanobis distance per gene, and an FDR from permuted null genes.</source>
        <translation>在细胞状态嵌入上分别对两个条件中每个基因的表达进行平滑（在共享地标点上做高斯过程回归），并比较两个曲面：每个细胞的倍数变化、每个基因的平均对数倍数变化和马氏距离，以及由置换零假设基因得到的 FDR。</translation>
    </message>
</context>
<context>
    <name>scdesk::AnalysisWizard</name>
    <message>
        <source>Introduction</source>
        <translation>简介</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>The same job from the command line (Run starts it in the background):</source>
        <translation>在命令行中执行相同的任务（点击“运行”将在后台启动它）：</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Use layer %1</source>
        <translation>使用 layer %1</translation>
    </message>
    <message>
        <source>under a second</source>
        <translation>不到一秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Estimated: %1, %2 (available %3)</source>
        <translation>预计：%1，%2（可用 %3）</translation>
    </message>
    <message>
        <source>This may not fit in memory: the run may swap or be stopped by the system. Fewer landmarks need less.</source>
        <translation>内存可能不足：运行时可能会使用交换空间或被系统终止。减少地标点可降低内存需求。</translation>
    </message>
</context>
<context>
    <name>scdesk::DaVolcanoPlot</name>
    <message>
        <source>cells</source>
        <translation>细胞</translation>
    </message>
    <message>
        <source>Log fold change</source>
        <translation>对数倍数变化</translation>
    </message>
    <message>
        <source>−log₁₀ tail probability</source>
        <translation>−log₁₀ 尾概率</translation>
    </message>
    <message>
        <source>Up (%1)</source>
        <translation>增加（%1）</translation>
    </message>
    <message>
        <source>Down (%1)</source>
        <translation>减少（%1）</translation>
    </message>
    <message>
        <source>Neutral (%1)</source>
        <translation>中性（%1）</translation>
    </message>
    <message>
        <source>up</source>
        <translation>增加</translation>
    </message>
    <message>
        <source>down</source>
        <translation>减少</translation>
    </message>
    <message>
        <source>neutral</source>
        <translation>中性</translation>
    </message>
    <message>
        <source>log fold change %1&lt;br&gt;−log₁₀ tail probability %2&lt;br&gt;%3</source>
        <translation>对数倍数变化 %1&lt;br&gt;−log₁₀ 尾概率 %2&lt;br&gt;%3</translation>
    </message>
</context>
<context>
    <name>scdesk::DatasetSummaryWidget</name>
    <message>
        <source>numeric</source>
        <translation>数值型</translation>
    </message>
    <message>
        <source>categorical</source>
        <translation>分类型</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>布尔型</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message numerus="yes">
        <source>%n column(s)</source>
        <translation>
            <numerusform>%n 列</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n categories</source>
        <translation>
            <numerusform>，%n 个类别</numerusform>
        </translation>
    </message>
    <message>
        <source>No dataset open</source>
        <translation>未打开数据集</translation>
    </message>
    <message>
        <source>Element</source>
        <translation>元素</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <source>%1 cells × %2 genes</source>
        <translation>%1 个细胞 × %2 个基因</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <source>Memory estimate</source>
        <translation>内存估算</translation>
    </message>
    <message>
        <source>obs (cells)</source>
        <translation>obs（细胞）</translation>
    </message>
    <message>
        <source>var (genes)</source>
        <translation>var（基因）</translation>
    </message>
    <message>
        <source>layers</source>
        <translation>layers</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>obsm</source>
        <translation>obsm</translation>
    </message>
    <message>
        <source>varm</source>
        <translation>varm</translation>
    </message>
    <message>
        <source>uns</source>
        <translation>uns</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>不存在</translation>
    </message>
    <message>
        <source>dense %1, %2, %3</source>
        <translation>稠密，%1，%2，%3</translation>
    </message>
    <message>
        <source>sparse %1 %2, %3, %4 stored values (%5 % dense), %6</source>
        <translation>稀疏 %1，%2，%3，%4 个存储值（密度 %5 %），%6</translation>
    </message>
    <message>
        <source>raw</source>
        <translation>raw</translation>
    </message>
    <message>
        <source>obsp</source>
        <translation>obsp</translation>
    </message>
    <message>
        <source>varp</source>
        <translation>varp</translation>
    </message>
</context>
<context>
    <name>scdesk::DeResultView</name>
    <message>
        <source>Group:</source>
        <translation>组：</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>筛选：</translation>
    </message>
    <message>
        <source>Show only the genes within both thresholds</source>
        <translation>仅显示同时满足两个阈值的基因</translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation>导出表格…</translation>
    </message>
    <message>
        <source>Save the table as CSV or TSV</source>
        <translation>将表格保存为 CSV 或 TSV</translation>
    </message>
    <message>
        <source>Export figure…</source>
        <translation>导出图形…</translation>
    </message>
    <message>
        <source>Save the visible plot as PNG, SVG or PDF</source>
        <translation>将当前显示的图保存为 PNG、SVG 或 PDF</translation>
    </message>
    <message>
        <source>Volcano</source>
        <translation>火山图</translation>
    </message>
    <message>
        <source>%1 of %2 genes</source>
        <translation>%1 / %2 个基因</translation>
    </message>
    <message>
        <source>%1 is outside the filters</source>
        <translation>%1 不在筛选范围内</translation>
    </message>
    <message>
        <source>No plot to export</source>
        <translation>没有可导出的图</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Mean–dispersion</source>
        <translation>均值–离散度图</translation>
    </message>
</context>
<context>
    <name>scdesk::EmbeddingView</name>
    <message>
        <source>Embedding (a matrix in obsm)</source>
        <translation>嵌入（obsm 中的矩阵）</translation>
    </message>
    <message>
        <source>Component on the horizontal axis</source>
        <translation>横轴上的分量</translation>
    </message>
    <message>
        <source>Component on the vertical axis</source>
        <translation>纵轴上的分量</translation>
    </message>
    <message>
        <source>Colour by an obs column or a gene (type to search)</source>
        <translation>按 obs 列或基因着色（输入以搜索）</translation>
    </message>
    <message>
        <source>Where gene expression is read from</source>
        <translation>读取基因表达的来源</translation>
    </message>
    <message>
        <source>Colour by </source>
        <translation>着色依据 </translation>
    </message>
    <message>
        <source>Pan/zoom</source>
        <translation>平移/缩放</translation>
    </message>
    <message>
        <source>Drag to pan, wheel to zoom</source>
        <translation>拖动以平移，滚动滚轮以缩放</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <source>Select cells in a rectangle (Shift adds, Alt subtracts, Esc clears)</source>
        <translation>用矩形选择细胞（Shift 添加，Alt 减去，Esc 清除）</translation>
    </message>
    <message>
        <source>Lasso</source>
        <translation>套索</translation>
    </message>
    <message>
        <source>Select cells in a free-hand lasso (Shift adds, Alt subtracts, Esc clears)</source>
        <translation>用手绘套索选择细胞（Shift 添加，Alt 减去，Esc 清除）</translation>
    </message>
    <message>
        <source>Colormap for numeric values</source>
        <translation>数值的颜色映射</translation>
    </message>
    <message>
        <source>No clipping</source>
        <translation>不截断</translation>
    </message>
    <message>
        <source>1–99 %</source>
        <translation>1–99 %</translation>
    </message>
    <message>
        <source>2–98 %</source>
        <translation>2–98 %</translation>
    </message>
    <message>
        <source>5–95 %</source>
        <translation>5–95 %</translation>
    </message>
    <message>
        <source>Colour range from percentiles of the values</source>
        <translation>根据数值的百分位数确定颜色范围</translation>
    </message>
    <message>
        <source>Lowest value of the colour scale</source>
        <translation>色标的最小值</translation>
    </message>
    <message>
        <source>Highest value of the colour scale</source>
        <translation>色标的最大值</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Point size</source>
        <translation>点大小</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>Density</source>
        <translation>密度</translation>
    </message>
    <message>
        <source>Show how many cells fall on each pixel instead of their colours</source>
        <translation>显示每个像素上的细胞数量，而不是细胞的颜色</translation>
    </message>
    <message>
        <source>Hover</source>
        <translation>悬停</translation>
    </message>
    <message>
        <source>Obs columns shown when hovering a cell (up to 3)</source>
        <translation>鼠标悬停在细胞上时显示的 obs 列（最多 3 个）</translation>
    </message>
    <message>
        <source>cells</source>
        <translation>细胞</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <source>Colour of “%1”</source>
        <translation>“%1”的颜色</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
</context>
<context>
    <name>scdesk::FigureExportDialog</name>
    <message>
        <source>Export figure</source>
        <translation>导出图形</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>File (.png, .svg, .pdf):</source>
        <translation>文件（.png、.svg、.pdf）：</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Width:</source>
        <translation>宽度：</translation>
    </message>
    <message>
        <source>Height:</source>
        <translation>高度：</translation>
    </message>
    <message>
        <source>PNG only: pixels = size × DPI / 96</source>
        <translation>仅限 PNG：像素 = 尺寸 × DPI / 96</translation>
    </message>
    <message>
        <source>DPI (PNG):</source>
        <translation>DPI（PNG）：</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;SVG (*.svg);;PNG image (*.png)</source>
        <translation>PDF (*.pdf);;SVG (*.svg);;PNG 图像 (*.png)</translation>
    </message>
</context>
<context>
    <name>scdesk::FrameTableModel</name>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Row names (the index)</source>
        <translation>行名（索引）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>scdesk::FrameTableView</name>
    <message>
        <source>Type a name; choose a suggestion to select and show that row</source>
        <translation>输入名称；选择一个建议项即可选中并显示该行</translation>
    </message>
    <message>
        <source>Filter rows…</source>
        <translation>筛选行…</translation>
    </message>
    <message>
        <source>Show rows whose text contains this (case-insensitive)</source>
        <translation>显示文本包含此内容的行（不区分大小写）</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Choose the columns to show</source>
        <translation>选择要显示的列</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the selected rows as tab-separated text with a header (Ctrl+C)</source>
        <translation>将所选行复制为带表头的制表符分隔文本（Ctrl+C）</translation>
    </message>
    <message>
        <source>Sorting and filtering…</source>
        <translation>正在排序和筛选…</translation>
    </message>
    <message>
        <source>Find…</source>
        <translation>查找…</translation>
    </message>
    <message>
        <source>All text columns</source>
        <translation>所有文本列</translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <source>%1 of %2 rows</source>
        <translation>%1 / %2 行</translation>
    </message>
</context>
<context>
    <name>scdesk::JobManager</name>
    <message>
        <source>Waiting for a worker</source>
        <translation>等待空闲工作线程</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Started job %1: %2</source>
        <translation>已启动任务 %1：%2</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Job %1 (%2) failed: %3</source>
        <translation>任务 %1（%2）失败：%3</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Job %1 (%2) cancelled</source>
        <translation>任务 %1（%2）已取消</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Job %1 (%2) finished in %3 s</source>
        <translation>任务 %1（%2）已完成，用时 %3 秒</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>scdesk::JobsDock</name>
    <message>
        <source>Clear finished</source>
        <translation>清除已完成任务</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>已用时间</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop this job; nothing it computed is kept</source>
        <translation>停止此任务；已计算的结果均不保留</translation>
    </message>
    <message>
        <source>Save job spec</source>
        <translation>保存任务规格</translation>
    </message>
    <message>
        <source>Job spec (*.json)</source>
        <translation>任务规格 (*.json)</translation>
    </message>
    <message>
        <source>Copy as command</source>
        <translation>复制为命令</translation>
    </message>
    <message>
        <source>Save spec…</source>
        <translation>保存规格…</translation>
    </message>
    <message>
        <source>Copy error message</source>
        <translation>复制错误信息</translation>
    </message>
    <message>
        <source>Copy the scdesk-cli command that repeats the selected job</source>
        <translation>复制可重复执行所选任务的 scdesk-cli 命令</translation>
    </message>
    <message>
        <source>Save the selected job as JSON; replay it with scdesk-cli run SPEC.json</source>
        <translation>将所选任务保存为 JSON；可使用 scdesk-cli run SPEC.json 重新运行</translation>
    </message>
</context>
<context>
    <name>scdesk::KompotDaView</name>
    <message>
        <source>Changes the colours and counts in this view only: the direction column in the dataset keeps the thresholds of the run.</source>
        <translation>仅改变此视图中的颜色和计数：数据集中的方向列保留运行时的阈值。</translation>
    </message>
    <message>
        <source>|log FC| &gt; </source>
        <translation>|log FC| &gt; </translation>
    </message>
    <message>
        <source>−log₁₀ PTP &gt; </source>
        <translation>−log₁₀ PTP &gt; </translation>
    </message>
    <message>
        <source>Posterior tail probability threshold on the −log₁₀ scale (1.3 = 0.05).</source>
        <translation>−log₁₀ 尺度上的后验尾概率阈值（1.3 = 0.05）。</translation>
    </message>
    <message>
        <source>Export figure…</source>
        <translation>导出图形…</translation>
    </message>
    <message>
        <source>Save the volcano as PNG, SVG or PDF</source>
        <translation>将火山图保存为 PNG、SVG 或 PDF</translation>
    </message>
    <message>
        <source>Thresholds:</source>
        <translation>阈值：</translation>
    </message>
    <message>
        <source>Show on embedding:</source>
        <translation>在嵌入中显示：</translation>
    </message>
    <message>
        <source>Log fold change</source>
        <translation>对数倍数变化</translation>
    </message>
    <message>
        <source>−log₁₀ tail probability</source>
        <translation>−log₁₀ 尾概率</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Colour the embedding by the obs column %1</source>
        <translation>按 obs 列 %1 为嵌入着色</translation>
    </message>
    <message>
        <source>%1 up, %2 down, %3 neutral of %4 cells</source>
        <translation>%4 个细胞中：%1 个增加，%2 个减少，%3 个中性</translation>
    </message>
    <message>
        <source>Differential abundance %1 → %2</source>
        <translation>差异丰度 %1 → %2</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>scdesk::KompotDeView</name>
    <message>
        <source>The score on the volcano&apos;s vertical axis</source>
        <translation>火山图纵轴上显示的评分</translation>
    </message>
    <message>
        <source>Mahalanobis distance</source>
        <translation>马氏距离</translation>
    </message>
    <message>
        <source>−log₁₀ local FDR</source>
        <translation>−log₁₀ 局部 FDR</translation>
    </message>
    <message>
        <source>−log₁₀ tail FDR</source>
        <translation>−log₁₀ 尾部 FDR</translation>
    </message>
    <message>
        <source>−log₁₀ tail probability</source>
        <translation>−log₁₀ 尾概率</translation>
    </message>
    <message>
        <source>Top </source>
        <translation>前 </translation>
    </message>
    <message>
        <source>Without null genes there is no FDR: the genes with the largest Mahalanobis distance are coloured instead</source>
        <translation>没有零假设基因就没有 FDR：改为对马氏距离最大的基因着色</translation>
    </message>
    <message>
        <source>Filter genes</source>
        <translation>筛选基因</translation>
    </message>
    <message>
        <source>is_de only</source>
        <translation>仅 is_de</translation>
    </message>
    <message>
        <source>Show only the genes called differentially expressed at the FDR threshold</source>
        <translation>仅显示在 FDR 阈值下判定为差异表达的基因</translation>
    </message>
    <message>
        <source>This run had no null genes, so no gene was called by FDR</source>
        <translation>本次运行没有零假设基因，因此没有基因按 FDR 判定</translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation>导出表格…</translation>
    </message>
    <message>
        <source>Save the table as CSV or TSV</source>
        <translation>将表格保存为 CSV 或 TSV</translation>
    </message>
    <message>
        <source>Export figure…</source>
        <translation>导出图形…</translation>
    </message>
    <message>
        <source>Save the volcano as PNG, SVG or PDF</source>
        <translation>将火山图保存为 PNG、SVG 或 PDF</translation>
    </message>
    <message>
        <source>Y axis:</source>
        <translation>Y 轴：</translation>
    </message>
    <message>
        <source>Imputed expression on embedding</source>
        <translation>在嵌入中显示插补表达</translation>
    </message>
    <message>
        <source>Fold change on embedding</source>
        <translation>在嵌入中显示倍数变化</translation>
    </message>
    <message>
        <source>This run did not store the imputed expression layers</source>
        <translation>本次运行未保存插补表达的 layer</translation>
    </message>
    <message>
        <source>The selected gene&apos;s imputed expression in %1 (left) and %2 (right), on one colour range (double-click a gene does the same)</source>
        <translation>所选基因在 %1（左）和 %2（右）中的插补表达，使用同一颜色范围（双击基因效果相同）</translation>
    </message>
    <message>
        <source>The selected gene&apos;s per-cell log fold change %1 → %2, blue below and red above zero</source>
        <translation>所选基因在每个细胞中的对数倍数变化（%1 → %2），小于零为蓝色，大于零为红色</translation>
    </message>
    <message>
        <source>%1 of %2 genes</source>
        <translation>%1 / %2 个基因</translation>
    </message>
    <message>
        <source>Select a gene in the table or the volcano</source>
        <translation>请在表格或火山图中选择一个基因</translation>
    </message>
    <message>
        <source>Selected: %1 (hidden by the table filters)</source>
        <translation>已选择：%1（已被表格筛选隐藏）</translation>
    </message>
    <message>
        <source>Selected: %1</source>
        <translation>已选择：%1</translation>
    </message>
    <message>
        <source>Differential expression %1 → %2</source>
        <translation>差异表达 %1 → %2</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>scdesk::KompotDeVolcano</name>
    <message>
        <source>Mean log fold change</source>
        <translation>平均对数倍数变化</translation>
    </message>
    <message>
        <source>Up (%1)</source>
        <translation>上调（%1）</translation>
    </message>
    <message>
        <source>Down (%1)</source>
        <translation>下调（%1）</translation>
    </message>
    <message>
        <source>Not called (%1)</source>
        <translation>未判定（%1）</translation>
    </message>
    <message>
        <source>mean log fold change %1&lt;br&gt;%2: %3</source>
        <translation>平均对数倍数变化 %1&lt;br&gt;%2：%3</translation>
    </message>
</context>
<context>
    <name>scdesk::LogDock</name>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Debug and above</source>
        <translation>调试及以上</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>信息及以上</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>警告和错误</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>仅错误</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>所有类别</translation>
    </message>
    <message>
        <source>Search messages</source>
        <translation>搜索消息</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
</context>
<context>
    <name>scdesk::LogModel</name>
    <message>
        <source>Debug</source>
        <translation>调试</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Fatal</source>
        <translation>致命</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>scdesk::MainWindow</name>
    <message>
        <source>Embedding</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 失败</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>scDesk</source>
        <translation>scDesk</translation>
    </message>
    <message>
        <source>%1 — scDesk</source>
        <translation>%1 — scDesk</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open dataset</source>
        <translation>打开数据集</translation>
    </message>
    <message>
        <source>AnnData (*.h5ad);;All files (*)</source>
        <translation>AnnData (*.h5ad);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Open &amp;Demo Dataset</source>
        <translation>打开演示数据集(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Figure…</source>
        <translation>图形(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Table…</source>
        <translation>表格(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About scDesk</source>
        <translation>关于 scDesk(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Cannot open file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>Demo dataset (seed %1)</source>
        <translation>演示数据集（种子 %1）</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>打开 %1</translation>
    </message>
    <message>
        <source>Opened %1: %2</source>
        <translation>已打开 %1：%2</translation>
    </message>
    <message>
        <source>Open a dataset first (File → Open, or File → Open Demo Dataset).</source>
        <translation>请先打开一个数据集（文件 → 打开，或 文件 → 打开演示数据集）。</translation>
    </message>
    <message>
        <source>Add %1 results to the dataset</source>
        <translation>将 %1 的结果添加到数据集</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>清除列表</translation>
    </message>
    <message>
        <source>Compute: %1</source>
        <translation>计算：%1</translation>
    </message>
    <message>
        <source>Compute device: %1</source>
        <translation>计算设备：%1</translation>
    </message>
    <message>
        <source>About scDesk</source>
        <translation>关于 scDesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;scDesk %1&lt;/h3&gt;&lt;p&gt;Single-cell genomics on the desktop: differential abundance and expression (Kompot), Bayesian count models (SCRIBE), negative-binomial GLMs (delnx) and ATAC→RNA delays (Effendi).&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;HDF5&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Eigen&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Parallelism&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Compute device&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;GPU&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;h3&gt;scDesk %1&lt;/h3&gt;&lt;p&gt;桌面端单细胞基因组学：差异丰度与差异表达分析（Kompot）、贝叶斯计数模型（SCRIBE）、负二项广义线性模型（delnx）以及 ATAC→RNA 延迟分析（Effendi）。&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;HDF5&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Eigen&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;并行&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;计算设备&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;GPU&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <source>Select a result tab to export its table.</source>
        <translation>请选择一个结果标签页以导出其表格。</translation>
    </message>
    <message>
        <source>Memory: %1</source>
        <translation>内存：%1</translation>
    </message>
    <message>
        <source>Quit scDesk</source>
        <translation>退出 scDesk</translation>
    </message>
    <message>
        <source>Jobs are still running. Cancel them and quit?</source>
        <translation>仍有任务正在运行。要取消这些任务并退出吗？</translation>
    </message>
    <message>
        <source>Cells</source>
        <translation>细胞</translation>
    </message>
    <message>
        <source>Find gene…</source>
        <translation>查找基因…</translation>
    </message>
    <message>
        <source>Genes</source>
        <translation>基因</translation>
    </message>
    <message>
        <source>Saving cancelled; no file was written.</source>
        <translation>保存已取消；未写入任何文件。</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Write the dataset, with your analysis results, to a new .h5ad file</source>
        <translation>将数据集连同分析结果写入新的 .h5ad 文件</translation>
    </message>
    <message>
        <source>Find &amp;Gene…</source>
        <translation>查找基因(&amp;G)…</translation>
    </message>
    <message>
        <source>Save dataset as</source>
        <translation>数据集另存为</translation>
    </message>
    <message>
        <source>AnnData (*.h5ad)</source>
        <translation>AnnData (*.h5ad)</translation>
    </message>
    <message>
        <source>“%1” is the file this dataset was opened from. scDesk never overwrites the file it read: it copies the parts you did not change from it while saving. Choose another name, for example “%2”.</source>
        <translation>“%1”是打开此数据集时所用的文件。scDesk 从不覆盖其读取的文件：保存时会从该文件复制您未更改的部分。请选择其他名称，例如“%2”。</translation>
    </message>
    <message>
        <source>Cannot save over the original file</source>
        <translation>无法覆盖原始文件</translation>
    </message>
    <message>
        <source>Save %1</source>
        <translation>保存 %1</translation>
    </message>
    <message>
        <source>Saved %1 (%2)</source>
        <translation>已保存 %1（%2）</translation>
    </message>
    <message>
        <source>Saved %1 to %2 (%3)</source>
        <translation>已将 %1 保存到 %2（%3）</translation>
    </message>
    <message>
        <source>The data are compressed with a method this build of scDesk cannot decode. Re-saving the file from Python with gzip compression (adata.write_h5ad(path, compression=&quot;gzip&quot;)) gives a copy scDesk can open.</source>
        <translation>数据所用的压缩方法无法被此版本的 scDesk 解码。在 Python 中以 gzip 压缩重新保存该文件（adata.write_h5ad(path, compression=&quot;gzip&quot;)），即可得到 scDesk 能够打开的副本。</translation>
    </message>
    <message>
        <source>The file looks incomplete or is not an HDF5 file: check that the download or copy finished, or open the original.</source>
        <translation>文件似乎不完整或不是 HDF5 文件：请检查下载或复制是否已完成，或打开原始文件。</translation>
    </message>
    <message>
        <source>The file may come from a tool or an anndata version scDesk does not know yet. Reading it with a recent anndata and saving it again (anndata.read_h5ad, then write_h5ad) usually gives a layout scDesk can open.</source>
        <translation>该文件可能来自 scDesk 尚不支持的工具或 anndata 版本。使用较新版本的 anndata 读取并重新保存（先 anndata.read_h5ad，再 write_h5ad），通常可以得到 scDesk 能够打开的布局。</translation>
    </message>
    <message>
        <source>Check that you are allowed to read the file and to write in the chosen folder.</source>
        <translation>请检查您是否有权限读取该文件并写入所选文件夹。</translation>
    </message>
    <message>
        <source>The disk is full: free some space or save to another drive. The original file was not touched.</source>
        <translation>磁盘已满：请释放一些空间，或保存到其他驱动器。原始文件未被改动。</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Save Selection as &amp;Group…</source>
        <translation>将选择保存为分组(&amp;G)…</translation>
    </message>
    <message>
        <source>Save the selected cells as a group (a new obs column) for colouring and analyses</source>
        <translation>将所选细胞保存为分组（一个新的 obs 列），用于着色和分析</translation>
    </message>
    <message>
        <source>Clear Selection</source>
        <translation>清除选择</translation>
    </message>
    <message>
        <source>&amp;Second Embedding View</source>
        <translation>第二个嵌入视图(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message numerus="yes">
        <source>%n cell(s) selected</source>
        <translation>
            <numerusform>已选择 %n 个细胞</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot save the selection</source>
        <translation>无法保存选择</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n cell(s) as “%1” in obs column “%2”</source>
        <translation>
            <numerusform>已将 %n 个细胞保存为 obs 列“%2”中的“%1”</numerusform>
        </translation>
    </message>
    <message>
        <source>Save selection as group</source>
        <translation>将选择保存为分组</translation>
    </message>
    <message numerus="yes">
        <source>%n selected cell(s)</source>
        <translation>
            <numerusform>已选中 %n 个细胞</numerusform>
        </translation>
    </message>
    <message>
        <source>Obs column:</source>
        <translation>obs 列：</translation>
    </message>
    <message>
        <source>Group name:</source>
        <translation>分组名称：</translation>
    </message>
    <message>
        <source>An existing column of that name is replaced (Edit → Undo restores it). Cells outside the selection are left missing.</source>
        <translation>同名的现有列将被替换（可通过 编辑 → 撤销 恢复）。选择范围以外的细胞将保留为缺失值。</translation>
    </message>
    <message>
        <source>“%1” is not in the dataset yet: its results are still being added.</source>
        <translation>“%1”尚不在数据集中：其结果仍在添加中。</translation>
    </message>
    <message>
        <source>The layers of %1 are not in the dataset yet: its results are still being added.</source>
        <translation>%1 的 layer 尚不在数据集中：其结果仍在添加中。</translation>
    </message>
</context>
<context>
    <name>scdesk::MeanDispersionPlot</name>
    <message>
        <source>Gene-wise MLE</source>
        <translation>逐基因 MLE</translation>
    </message>
    <message>
        <source>QL shrunken (× trend)</source>
        <translation>QL 收缩（× 趋势）</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>Mean count</source>
        <translation>平均计数</translation>
    </message>
    <message>
        <source>Overdispersion</source>
        <translation>过度离散度</translation>
    </message>
    <message>
        <source>mean %1&lt;br&gt;MLE dispersion %2&lt;br&gt;trend %3&lt;br&gt;QL dispersion %4 (× trend = %5)</source>
        <translation>均值 %1&lt;br&gt;MLE 离散度 %2&lt;br&gt;趋势 %3&lt;br&gt;QL 离散度 %4（× 趋势 = %5）</translation>
    </message>
</context>
<context>
    <name>scdesk::PlotExport</name>
    <message>
        <source>Cannot write to the folder of %1</source>
        <translation>无法写入 %1 所在的文件夹</translation>
    </message>
    <message>
        <source>Unknown figure format &apos;%1&apos; (use .png, .svg or .pdf)</source>
        <translation>未知的图形格式“%1”（请使用 .png、.svg 或 .pdf）</translation>
    </message>
    <message>
        <source>Could not render the figure to %1</source>
        <translation>无法将图形渲染到 %1</translation>
    </message>
</context>
<context>
    <name>scdesk::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>All cores (%1)</source>
        <translation>所有核心（%1）</translation>
    </message>
    <message>
        <source>Worker threads:</source>
        <translation>工作线程数：</translation>
    </message>
    <message>
        <source>Automatic (CUDA when available)</source>
        <translation>自动（如可用则使用 CUDA）</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA: %1</source>
        <translation>CUDA：%1</translation>
    </message>
    <message>
        <source>Compute device:</source>
        <translation>计算设备：</translation>
    </message>
    <message>
        <source>No CUDA device found; analyses run on the CPU.</source>
        <translation>未找到 CUDA 设备；分析将在 CPU 上运行。</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Language changes apply to newly opened windows and after a restart.</source>
        <translation>语言更改将在新打开的窗口中及重启后生效。</translation>
    </message>
</context>
<context>
    <name>scdesk::ResultView</name>
    <message>
        <source>Filter by %1</source>
        <translation>按 %1 筛选</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save this table as CSV or TSV</source>
        <translation>将此表格保存为 CSV 或 TSV</translation>
    </message>
    <message>
        <source>%1 of %2 rows</source>
        <translation>%1 / %2 行</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <source>Comma-separated (*.csv);;Tab-separated (*.tsv)</source>
        <translation>逗号分隔 (*.csv);;制表符分隔 (*.tsv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>scdesk::TableExportDialog</name>
    <message>
        <source>Export table</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <source>Which rows should the file hold?</source>
        <translation>文件应包含哪些行？</translation>
    </message>
    <message>
        <source>Filtered rows (%1)</source>
        <translation>筛选后的行（%1）</translation>
    </message>
    <message>
        <source>All rows (%1)</source>
        <translation>所有行（%1）</translation>
    </message>
    <message>
        <source>Comma-separated (*.csv);;Tab-separated (*.tsv)</source>
        <translation>逗号分隔 (*.csv);;制表符分隔 (*.tsv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>scdesk::UndoCommands</name>
    <message>
        <source>Save selection as group “%1”</source>
        <translation>将选择保存为分组“%1”</translation>
    </message>
    <message>
        <source>Recolour category</source>
        <translation>更改类别颜色</translation>
    </message>
</context>
<context>
    <name>scdesk::VolcanoPlot</name>
    <message>
        <source>n.s.</source>
        <translation>不显著</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下调</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上调</translation>
    </message>
    <message>
        <source>log₂ fold change</source>
        <translation>log₂ 倍数变化</translation>
    </message>
    <message>
        <source>−log₁₀ p</source>
        <translation>−log₁₀ p</translation>
    </message>
    <message>
        <source>Up (%1)</source>
        <translation>上调（%1）</translation>
    </message>
    <message>
        <source>Down (%1)</source>
        <translation>下调（%1）</translation>
    </message>
    <message>
        <source>n.s. (%1)</source>
        <translation>不显著（%1）</translation>
    </message>
    <message>
        <source>p = 0 (below double precision): drawn at −log₁₀ p = %1, the largest finite value + 1</source>
        <translation>p = 0（低于双精度范围）：绘制于 −log₁₀ p = %1，即最大有限值 + 1</translation>
    </message>
    <message>
        <source>log₂FC %1&lt;br&gt;p %2&lt;br&gt;padj %3</source>
        <translation>log₂FC %1&lt;br&gt;p %2&lt;br&gt;padj %3</translation>
    </message>
</context>
</TS>
