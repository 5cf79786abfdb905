<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>main</name>
    <message>
        <source>scDesk: single-cell genomics on the desktop.</source>
        <translation>scDesk: Einzelzell-Genomik auf dem Desktop.</translation>
    </message>
    <message>
        <source>Open the built-in demo dataset.</source>
        <translation>Den integrierten Demo-Datensatz öffnen.</translation>
    </message>
    <message>
        <source>Seed of the demo dataset (default 0).</source>
        <translation>Seed des Demo-Datensatzes (Standard: 0).</translation>
    </message>
    <message>
        <source>Load the data, save the main window as a PNG and quit.</source>
        <translation>Daten laden, das Hauptfenster als PNG speichern und beenden.</translation>
    </message>
    <message>
        <source>An .h5ad file to open.</source>
        <translation>Eine zu öffnende .h5ad-Datei.</translation>
    </message>
    <message>
        <source>Tab to show once the data are loaded: embedding, cells or genes.</source>
        <translation>Tab, der nach dem Laden der Daten angezeigt wird: embedding, cells oder genes.</translation>
    </message>
    <message>
        <source>Unknown tab &apos;%1&apos;: use embedding, cells or genes.</source>
        <translation>Unbekannter Tab „%1“: Verwenden Sie embedding, cells oder genes.</translation>
    </message>
    <message>
        <source>Once the data are loaded, run this saved job spec (JSON).</source>
        <translation>Nach dem Laden der Daten diese gespeicherte Job-Spezifikation (JSON) ausführen.</translation>
    </message>
</context>
<context>
    <name>scdesk::Analysis</name>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>Matrix</source>
        <translation>Matrix</translation>
    </message>
    <message>
        <source>X or the layer to summarise.</source>
        <translation>X oder der auszuwertende Layer.</translation>
    </message>
    <message>
        <source>Variance</source>
        <translation>Varianz</translation>
    </message>
    <message>
        <source>Minimum cells</source>
        <translation>Mindestanzahl Zellen</translation>
    </message>
    <message>
        <source>Minimum mean</source>
        <translation>Mindestmittelwert</translation>
    </message>
    <message>
        <source>Gene statistics</source>
        <translation>Genstatistik</translation>
    </message>
    <message>
        <source>Per-gene mean, variance, dispersion and the fraction of cells expressing each gene, with a simple expression filter. Results are added to the gene table.</source>
        <translation>Mittelwert, Varianz, Dispersion und Anteil exprimierender Zellen für jedes Gen, mit einem einfachen Expressionsfilter. Die Ergebnisse werden der Gentabelle hinzugefügt.</translation>
    </message>
    <message>
        <source>sample divides by n - 1 (scanpy, numpy ddof=1); population divides by n.</source>
        <translation>sample teilt durch n - 1 (scanpy, numpy ddof=1); population teilt durch n.</translation>
    </message>
    <message>
        <source>A gene passes the filter when at least this many cells express it.</source>
        <translation>Ein Gen besteht den Filter, wenn es in mindestens so vielen Zellen exprimiert wird.</translation>
    </message>
    <message>
        <source>A gene passes the filter only when its mean is at least this value.</source>
        <translation>Ein Gen besteht den Filter nur, wenn sein Mittelwert mindestens diesen Wert erreicht.</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>Zählwerte</translation>
    </message>
    <message>
        <source>Design</source>
        <translation>Design</translation>
    </message>
    <message>
        <source>Pseudobulk</source>
        <translation>Pseudobulk</translation>
    </message>
    <message>
        <source>Counts matrix</source>
        <translation>Zählmatrix</translation>
    </message>
    <message>
        <source>X or the layer holding raw counts (non-negative integers).</source>
        <translation>X oder der Layer mit den Rohzählwerten (nicht negative ganze Zahlen).</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Bedingung</translation>
    </message>
    <message>
        <source>Categorical obs column with the conditions to compare.</source>
        <translation>Kategoriale obs-Spalte mit den zu vergleichenden Bedingungen.</translation>
    </message>
    <message>
        <source>Reference level</source>
        <translation>Referenzstufe</translation>
    </message>
    <message>
        <source>The level of the condition the others are compared with (the intercept).</source>
        <translation>Die Stufe der Bedingung, mit der die anderen verglichen werden (der Achsenabschnitt).</translation>
    </message>
    <message>
        <source>Covariates</source>
        <translation>Kovariaten</translation>
    </message>
    <message>
        <source>Comma-separated obs columns added to the design (batch, donor, ...).</source>
        <translation>Kommagetrennte obs-Spalten, die dem Design hinzugefügt werden (Batch, Spender, ...).</translation>
    </message>
    <message>
        <source>Tested coefficient</source>
        <translation>Getesteter Koeffizient</translation>
    </message>
    <message>
        <source>Design column to test, e.g. condition[T.stimulated]; empty: the last condition column.</source>
        <translation>Zu testende Design-Spalte, z. B. condition[T.stimulated]; leer: die letzte Spalte der Bedingung.</translation>
    </message>
    <message>
        <source>Size factors</source>
        <translation>Größenfaktoren</translation>
    </message>
    <message>
        <source>normed_sum: library sizes (glmGamPoi&apos;s default); poscounts and ratio: DESeq2-style medians of ratios.</source>
        <translation>normed_sum: Bibliotheksgrößen (Standard von glmGamPoi); poscounts und ratio: Median der Verhältnisse (median of ratios) wie in DESeq2.</translation>
    </message>
    <message>
        <source>Pseudobulk by sample</source>
        <translation>Pseudobulk nach Probe</translation>
    </message>
    <message>
        <source>Sum the counts of each sample (this obs column) before fitting; samples with fewer than 5 cells or 5000 counts are dropped. Empty: fit cells.</source>
        <translation>Die Zählwerte jeder Probe (diese obs-Spalte) vor der Modellanpassung summieren; Proben mit weniger als 5 Zellen oder 5000 Zählwerten werden verworfen. Leer: Modell an einzelne Zellen anpassen.</translation>
    </message>
    <message>
        <source>Per group</source>
        <translation>Pro Gruppe</translation>
    </message>
    <message>
        <source>Fit each level of this obs column (e.g. cell type) separately; p-values are adjusted across all groups.</source>
        <translation>Das Modell für jede Stufe dieser obs-Spalte (z. B. Zelltyp) separat anpassen; die p-Werte werden über alle Gruppen hinweg angepasst.</translation>
    </message>
    <message>
        <source>Differential expression (delnx NB GLM)</source>
        <translation>Differenzielle Expression (delnx NB GLM)</translation>
    </message>
    <message>
        <source>Negative-binomial GLM with a quasi-likelihood F-test (delnx nb_fit / nb_test, glmGamPoi&apos;s algorithm) comparing the levels of a condition, optionally with covariates, on pseudobulk samples or single cells, for all cells or per cell type. Results are added to the gene table.</source>
        <translation>Negativ-binomiales GLM mit Quasi-Likelihood-F-Test (delnx nb_fit / nb_test, Algorithmus von glmGamPoi), das die Stufen einer Bedingung vergleicht, optional mit Kovariaten, auf Pseudobulk-Proben oder einzelnen Zellen, für alle Zellen oder pro Zelltyp. Die Ergebnisse werden der Gentabelle hinzugefügt.</translation>
    </message>
    <message>
        <source>Diffusion map</source>
        <translation>Diffusionskarte</translation>
    </message>
    <message>
        <source>Input representation</source>
        <translation>Eingaberepräsentation</translation>
    </message>
    <message>
        <source>The obsm matrix the neighbour graph is built on, usually the PCA (X_pca).</source>
        <translation>Die obsm-Matrix, auf der der Nachbarschaftsgraph aufgebaut wird, meist die PCA (X_pca).</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>Komponenten</translation>
    </message>
    <message>
        <source>Number of diffusion components, the first being the trivial constant one.</source>
        <translation>Anzahl der Diffusionskomponenten; die erste ist die triviale konstante Komponente.</translation>
    </message>
    <message>
        <source>Neighbours</source>
        <translation>Nachbarn</translation>
    </message>
    <message>
        <source>Nearest neighbours per cell (counting the cell itself, as scanpy does); the kernel width of a cell is the distance to its knn/3-th neighbour.</source>
        <translation>Nächste Nachbarn je Zelle (die Zelle selbst mitgezählt, wie in scanpy); die Kernbreite einer Zelle ist der Abstand zu ihrem (knn/3)-ten Nachbarn.</translation>
    </message>
    <message>
        <source>Output key</source>
        <translation>Ausgabeschlüssel</translation>
    </message>
    <message>
        <source>The obsm key for the diffusion components; the eigenvalues go to uns (DM_EigenValues for DM_EigenVectors).</source>
        <translation>Der obsm-Schlüssel für die Diffusionskomponenten; die Eigenwerte werden in uns abgelegt (DM_EigenValues zu DM_EigenVectors).</translation>
    </message>
    <message>
        <source>Diffusion map (Palantir)</source>
        <translation>Diffusionskarte (Palantir)</translation>
    </message>
    <message>
        <source>Computes Palantir&apos;s diffusion map: a neighbour graph with an adaptive exponential kernel, its random-walk transition matrix and that matrix&apos;s leading eigenvectors. The result (DM_EigenVectors) is the cell-state space Kompot and Mellon expect.</source>
        <translation>Berechnet die Diffusionskarte von Palantir: einen Nachbarschaftsgraphen mit adaptivem Exponentialkern, dessen Random-Walk-Übergangsmatrix und deren führende Eigenvektoren. Das Ergebnis (DM_EigenVectors) ist der Zellzustandsraum, den Kompot und Mellon erwarten.</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Thresholds</source>
        <translation>Schwellenwerte</translation>
    </message>
    <message>
        <source>Condition column</source>
        <translation>Bedingungsspalte</translation>
    </message>
    <message>
        <source>The obs column holding the conditions to compare.</source>
        <translation>Die obs-Spalte mit den zu vergleichenden Bedingungen.</translation>
    </message>
    <message>
        <source>Reference condition</source>
        <translation>Referenzbedingung</translation>
    </message>
    <message>
        <source>Fold changes go from this condition to condition 2.</source>
        <translation>Fold-Changes werden von dieser Bedingung zu Bedingung 2 berechnet.</translation>
    </message>
    <message>
        <source>Test condition</source>
        <translation>Testbedingung</translation>
    </message>
    <message>
        <source>Positive fold changes mean more cells here.</source>
        <translation>Positive Fold-Changes bedeuten mehr Zellen in dieser Bedingung.</translation>
    </message>
    <message>
        <source>Cell-state embedding</source>
        <translation>Zellzustands-Embedding</translation>
    </message>
    <message>
        <source>The obsm matrix densities are estimated in (Palantir&apos;s diffusion map).</source>
        <translation>Die obsm-Matrix, in der die Dichten geschätzt werden (die Diffusionskarte von Palantir).</translation>
    </message>
    <message>
        <source>Compute DM_EigenVectors from X_pca if missing</source>
        <translation>DM_EigenVectors aus X_pca berechnen, falls nicht vorhanden</translation>
    </message>
    <message>
        <source>When obsm has no DM_EigenVectors, first compute Palantir&apos;s diffusion map (30 neighbours, 10 components) from X_pca and store it with the results.</source>
        <translation>Wenn obsm keine DM_EigenVectors enthält, zuerst die Diffusionskarte von Palantir (30 Nachbarn, 10 Komponenten) aus X_pca berechnen und mit den Ergebnissen speichern.</translation>
    </message>
    <message>
        <source>Sample column</source>
        <translation>Probenspalte</translation>
    </message>
    <message>
        <source>Optional: adds the variance between samples (replicates) to the uncertainty.</source>
        <translation>Optional: nimmt die Varianz zwischen den Proben (Replikaten) in die Unsicherheit auf.</translation>
    </message>
    <message>
        <source>Landmarks</source>
        <translation>Landmarken</translation>
    </message>
    <message>
        <source>0: Kompot&apos;s default (exact up to 5000 cells per condition, else 5000 landmarks per condition); otherwise this many landmarks shared by both.</source>
        <translation>0: Standard von Kompot (exakt bis 5000 Zellen je Bedingung, sonst 5000 Landmarken je Bedingung); jeder andere Wert: so viele gemeinsame Landmarken für beide Bedingungen.</translation>
    </message>
    <message>
        <source>Log fold change threshold</source>
        <translation>Schwellenwert für den Log-Fold-Change</translation>
    </message>
    <message>
        <source>Natural-log fold change a cell must exceed to be called.</source>
        <translation>Fold-Change (natürlicher Logarithmus), den eine Zelle überschreiten muss, um als verändert zu gelten.</translation>
    </message>
    <message>
        <source>Tail probability threshold</source>
        <translation>Schwellenwert der Tail-Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>A cell is called only when its posterior tail probability is below this.</source>
        <translation>Eine Zelle gilt nur dann als verändert, wenn ihre posteriore Tail-Wahrscheinlichkeit darunter liegt.</translation>
    </message>
    <message>
        <source>Differential abundance (Kompot)</source>
        <translation>Differenzielle Abundanz (Kompot)</translation>
    </message>
    <message>
        <source>Estimates the cell density of each condition over the cell-state embedding with Mellon and compares them cell by cell: a log fold change with its uncertainty, a z-score, a posterior tail probability and an up/down/neutral call.</source>
        <translation>Schätzt mit Mellon die Zelldichte jeder Bedingung über dem Zellzustands-Embedding und vergleicht sie Zelle für Zelle: ein Log-Fold-Change mit seiner Unsicherheit, ein z-Wert, eine posteriore Tail-Wahrscheinlichkeit und eine Einstufung als mehr/weniger/neutral.</translation>
    </message>
    <message>
        <source>Significance</source>
        <translation>Signifikanz</translation>
    </message>
    <message>
        <source>Positive fold changes mean higher expression here.</source>
        <translation>Positive Fold-Changes bedeuten eine höhere Expression in dieser Bedingung.</translation>
    </message>
    <message>
        <source>The obsm matrix expression is smoothed over (Palantir&apos;s diffusion map).</source>
        <translation>Die obsm-Matrix, über der die Expression geglättet wird (die Diffusionskarte von Palantir).</translation>
    </message>
    <message>
        <source>Expression matrix</source>
        <translation>Expressionsmatrix</translation>
    </message>
    <message>
        <source>X or the layer holding the expression (log-normalised, or raw counts that are normalised on the fly).</source>
        <translation>X oder der Layer mit der Expression (log-normalisiert oder Rohzählwerte, die beim Einlesen normalisiert werden).</translation>
    </message>
    <message>
        <source>Genes</source>
        <translation>Gene</translation>
    </message>
    <message>
        <source>Optional: comma-separated gene names to analyse; empty: all genes.</source>
        <translation>Optional: kommagetrennte Namen der zu analysierenden Gene; leer: alle Gene.</translation>
    </message>
    <message>
        <source>Optional: adds the variance between samples (replicates) to the Mahalanobis distance.</source>
        <translation>Optional: nimmt die Varianz zwischen den Proben (Replikaten) in die Mahalanobis-Distanz auf.</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Gruppen</translation>
    </message>
    <message>
        <source>Optional: an obs column (e.g. cell type); each group also gets its own mean fold change, distance and FDR.</source>
        <translation>Optional: eine obs-Spalte (z. B. Zelltyp); jede Gruppe erhält zusätzlich ihren eigenen mittleren Fold-Change, ihre eigene Distanz und FDR.</translation>
    </message>
    <message>
        <source>Landmarks shared by both conditions (k-means of all their cells); fewer is faster and coarser.</source>
        <translation>Von beiden Bedingungen geteilte Landmarken (k-Means über alle ihre Zellen); weniger sind schneller und gröber.</translation>
    </message>
    <message>
        <source>Length scale from</source>
        <translation>Längenskala aus</translation>
    </message>
    <message>
        <source>Which cells set the smoothing length scale: condition 1 (Kompot&apos;s default), condition 2, their size-weighted mean, or both pooled.</source>
        <translation>Welche Zellen die Längenskala der Glättung bestimmen: Bedingung 1 (Standard von Kompot), Bedingung 2, ihr nach Zellzahl gewichtetes Mittel oder beide zusammengenommen.</translation>
    </message>
    <message>
        <source>Normalisation</source>
        <translation>Normalisierung</translation>
    </message>
    <message>
        <source>auto: raw counts become log1p(counts per 10,000), anything else is used as is; none: as is; log1p_cp10k: always normalise.</source>
        <translation>auto: Rohzählwerte werden zu log1p(Zählwerte pro 10.000), alles andere wird unverändert verwendet; none: unverändert; log1p_cp10k: immer normalisieren.</translation>
    </message>
    <message>
        <source>Null genes</source>
        <translation>Nullgene</translation>
    </message>
    <message>
        <source>Permuted genes behind the FDR; -1: 2000 without a sample column, 0 (no FDR) with one.</source>
        <translation>Permutierte Gene, auf denen die FDR beruht; -1: 2000 ohne Probenspalte, 0 (keine FDR) mit Probenspalte.</translation>
    </message>
    <message>
        <source>FDR threshold</source>
        <translation>FDR-Schwellenwert</translation>
    </message>
    <message>
        <source>A gene is called DE when its local FDR is below this.</source>
        <translation>Ein Gen gilt als differenziell exprimiert, wenn seine lokale FDR darunter liegt.</translation>
    </message>
    <message>
        <source>Differential expression (Kompot)</source>
        <translation>Differenzielle Expression (Kompot)</translation>
    </message>
    <message>
        <source>Smooths each gene&apos;s expression over the cell-state embedding separately in both conditions (Gaussian-process regression on shared landmarks) and compares the two surfaces: fold changes per cell, a mean log fold change and a Mahalanobis distance per gene, and an FDR from permuted null genes.</source>
        <translation>Glättet die Expression jedes Gens über dem Zellzustands-Embedding getrennt in beiden Bedingungen (Gauß-Prozess-Regression auf gemeinsamen Landmarken) und vergleicht die beiden Flächen: Fold-Changes je Zelle, ein mittlerer Log-Fold-Change und eine Mahalanobis-Distanz je Gen sowie eine FDR aus permutierten Nullgenen.</translation>
    </message>
</context>
<context>
    <name>scdesk::AnalysisWizard</name>
    <message>
        <source>Introduction</source>
        <translation>Einführung</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Überprüfen</translation>
    </message>
    <message>
        <source>The same job from the command line (Run starts it in the background):</source>
        <translation>Derselbe Job auf der Kommandozeile („Ausführen“ startet ihn im Hintergrund):</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Use layer %1</source>
        <translation>Layer %1 verwenden</translation>
    </message>
    <message>
        <source>under a second</source>
        <translation>unter einer Sekunde</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Estimated: %1, %2 (available %3)</source>
        <translation>Geschätzt: %1, %2 (verfügbar: %3)</translation>
    </message>
    <message>
        <source>This may not fit in memory: the run may swap or be stopped by the system. Fewer landmarks need less.</source>
        <translation>Das passt möglicherweise nicht in den Arbeitsspeicher: Der Lauf kann auslagern oder vom System beendet werden. Weniger Landmarken brauchen weniger Speicher.</translation>
    </message>
</context>
<context>
    <name>scdesk::DaVolcanoPlot</name>
    <message>
        <source>cells</source>
        <translation>Zellen</translation>
    </message>
    <message>
        <source>Log fold change</source>
        <translation>Log-Fold-Change</translation>
    </message>
    <message>
        <source>−log₁₀ tail probability</source>
        <translation>−log₁₀ Tail-Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>Up (%1)</source>
        <translation>Mehr (%1)</translation>
    </message>
    <message>
        <source>Down (%1)</source>
        <translation>Weniger (%1)</translation>
    </message>
    <message>
        <source>Neutral (%1)</source>
        <translation>Neutral (%1)</translation>
    </message>
    <message>
        <source>up</source>
        <translation>mehr</translation>
    </message>
    <message>
        <source>down</source>
        <translation>weniger</translation>
    </message>
    <message>
        <source>neutral</source>
        <translation>neutral</translation>
    </message>
    <message>
        <source>log fold change %1&lt;br&gt;−log₁₀ tail probability %2&lt;br&gt;%3</source>
        <translation>Log-Fold-Change %1&lt;br&gt;−log₁₀ Tail-Wahrscheinlichkeit %2&lt;br&gt;%3</translation>
    </message>
</context>
<context>
    <name>scdesk::DatasetSummaryWidget</name>
    <message>
        <source>numeric</source>
        <translation>numerisch</translation>
    </message>
    <message>
        <source>categorical</source>
        <translation>kategorial</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>boolesch</translation>
    </message>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message numerus="yes">
        <source>%n column(s)</source>
        <translation>
            <numerusform>%n Spalte</numerusform>
            <numerusform>%n Spalten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n categories</source>
        <translation>
            <numerusform>, %n Kategorie</numerusform>
            <numerusform>, %n Kategorien</numerusform>
        </translation>
    </message>
    <message>
        <source>No dataset open</source>
        <translation>Kein Datensatz geöffnet</translation>
    </message>
    <message>
        <source>Element</source>
        <translation>Element</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>%1 cells × %2 genes</source>
        <translation>%1 Zellen × %2 Gene</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <source>Memory estimate</source>
        <translation>Geschätzter Speicherbedarf</translation>
    </message>
    <message>
        <source>obs (cells)</source>
        <translation>obs (Zellen)</translation>
    </message>
    <message>
        <source>var (genes)</source>
        <translation>var (Gene)</translation>
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
        <translation>nicht vorhanden</translation>
    </message>
    <message>
        <source>dense %1, %2, %3</source>
        <translation>dicht besetzt, %1, %2, %3</translation>
    </message>
    <message>
        <source>sparse %1 %2, %3, %4 stored values (%5 % dense), %6</source>
        <translation>dünn besetzt (%1), %2, %3, %4 gespeicherte Werte (%5 % besetzt), %6</translation>
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
        <translation>Gruppe:</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>Filter:</translation>
    </message>
    <message>
        <source>Show only the genes within both thresholds</source>
        <translation>Nur die Gene innerhalb beider Schwellenwerte anzeigen</translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation>Tabelle exportieren…</translation>
    </message>
    <message>
        <source>Save the table as CSV or TSV</source>
        <translation>Die Tabelle als CSV oder TSV speichern</translation>
    </message>
    <message>
        <source>Export figure…</source>
        <translation>Abbildung exportieren…</translation>
    </message>
    <message>
        <source>Save the visible plot as PNG, SVG or PDF</source>
        <translation>Das sichtbare Diagramm als PNG, SVG oder PDF speichern</translation>
    </message>
    <message>
        <source>Volcano</source>
        <translation>Volcano</translation>
    </message>
    <message>
        <source>%1 of %2 genes</source>
        <translation>%1 von %2 Genen</translation>
    </message>
    <message>
        <source>%1 is outside the filters</source>
        <translation>%1 liegt außerhalb der Filter</translation>
    </message>
    <message>
        <source>No plot to export</source>
        <translation>Kein Diagramm zum Exportieren</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Mean–dispersion</source>
        <translation>Mittelwert–Dispersion</translation>
    </message>
</context>
<context>
    <name>scdesk::EmbeddingView</name>
    <message>
        <source>Embedding (a matrix in obsm)</source>
        <translation>Embedding (eine Matrix in obsm)</translation>
    </message>
    <message>
        <source>Component on the horizontal axis</source>
        <translation>Komponente auf der horizontalen Achse</translation>
    </message>
    <message>
        <source>Component on the vertical axis</source>
        <translation>Komponente auf der vertikalen Achse</translation>
    </message>
    <message>
        <source>Colour by an obs column or a gene (type to search)</source>
        <translation>Nach einer obs-Spalte oder einem Gen färben (zum Suchen tippen)</translation>
    </message>
    <message>
        <source>Where gene expression is read from</source>
        <translation>Woher die Genexpression gelesen wird</translation>
    </message>
    <message>
        <source>Colour by </source>
        <translation>Färben nach </translation>
    </message>
    <message>
        <source>Pan/zoom</source>
        <translation>Verschieben/Zoomen</translation>
    </message>
    <message>
        <source>Drag to pan, wheel to zoom</source>
        <translation>Ziehen zum Verschieben, Mausrad zum Zoomen</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>Rechteck</translation>
    </message>
    <message>
        <source>Select cells in a rectangle (Shift adds, Alt subtracts, Esc clears)</source>
        <translation>Zellen in einem Rechteck auswählen (Umschalt fügt hinzu, Alt entfernt, Esc hebt die Auswahl auf)</translation>
    </message>
    <message>
        <source>Lasso</source>
        <translation>Lasso</translation>
    </message>
    <message>
        <source>Select cells in a free-hand lasso (Shift adds, Alt subtracts, Esc clears)</source>
        <translation>Zellen mit einem Freihand-Lasso auswählen (Umschalt fügt hinzu, Alt entfernt, Esc hebt die Auswahl auf)</translation>
    </message>
    <message>
        <source>Colormap for numeric values</source>
        <translation>Farbpalette für numerische Werte</translation>
    </message>
    <message>
        <source>No clipping</source>
        <translation>Kein Abschneiden</translation>
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
        <translation>Farbbereich aus Perzentilen der Werte</translation>
    </message>
    <message>
        <source>Lowest value of the colour scale</source>
        <translation>Kleinster Wert der Farbskala</translation>
    </message>
    <message>
        <source>Highest value of the colour scale</source>
        <translation>Größter Wert der Farbskala</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Point size</source>
        <translation>Punktgröße</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Deckkraft</translation>
    </message>
    <message>
        <source>Density</source>
        <translation>Dichte</translation>
    </message>
    <message>
        <source>Show how many cells fall on each pixel instead of their colours</source>
        <translation>Statt der Farben anzeigen, wie viele Zellen auf jedes Pixel fallen</translation>
    </message>
    <message>
        <source>Hover</source>
        <translation>Hover</translation>
    </message>
    <message>
        <source>Obs columns shown when hovering a cell (up to 3)</source>
        <translation>obs-Spalten, die angezeigt werden, wenn die Maus über einer Zelle steht (bis zu 3)</translation>
    </message>
    <message>
        <source>cells</source>
        <translation>Zellen</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <source>Colour of “%1”</source>
        <translation>Farbe von „%1“</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlend</translation>
    </message>
</context>
<context>
    <name>scdesk::FigureExportDialog</name>
    <message>
        <source>Export figure</source>
        <translation>Abbildung exportieren</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>File (.png, .svg, .pdf):</source>
        <translation>Datei (.png, .svg, .pdf):</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Width:</source>
        <translation>Breite:</translation>
    </message>
    <message>
        <source>Height:</source>
        <translation>Höhe:</translation>
    </message>
    <message>
        <source>PNG only: pixels = size × DPI / 96</source>
        <translation>Nur PNG: Pixel = Größe × DPI / 96</translation>
    </message>
    <message>
        <source>DPI (PNG):</source>
        <translation>DPI (PNG):</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Titel:</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Design:</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;SVG (*.svg);;PNG image (*.png)</source>
        <translation>PDF (*.pdf);;SVG (*.svg);;PNG-Bild (*.png)</translation>
    </message>
</context>
<context>
    <name>scdesk::FrameTableModel</name>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Row names (the index)</source>
        <translation>Zeilennamen (der Index)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>scdesk::FrameTableView</name>
    <message>
        <source>Type a name; choose a suggestion to select and show that row</source>
        <translation>Namen eingeben; einen Vorschlag wählen, um diese Zeile auszuwählen und anzuzeigen</translation>
    </message>
    <message>
        <source>Filter rows…</source>
        <translation>Zeilen filtern…</translation>
    </message>
    <message>
        <source>Show rows whose text contains this (case-insensitive)</source>
        <translation>Zeilen anzeigen, deren Text dies enthält (ohne Beachtung der Groß-/Kleinschreibung)</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Choose the columns to show</source>
        <translation>Anzuzeigende Spalten auswählen</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the selected rows as tab-separated text with a header (Ctrl+C)</source>
        <translation>Ausgewählte Zeilen als tabulatorgetrennten Text mit Kopfzeile kopieren (Strg+C)</translation>
    </message>
    <message>
        <source>Sorting and filtering…</source>
        <translation>Wird sortiert und gefiltert…</translation>
    </message>
    <message>
        <source>Find…</source>
        <translation>Suchen…</translation>
    </message>
    <message>
        <source>All text columns</source>
        <translation>Alle Textspalten</translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation>%1 Zeilen</translation>
    </message>
    <message>
        <source>%1 of %2 rows</source>
        <translation>%1 von %2 Zeilen</translation>
    </message>
</context>
<context>
    <name>scdesk::JobManager</name>
    <message>
        <source>Waiting for a worker</source>
        <translation>Warte auf freien Worker</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Started job %1: %2</source>
        <translation>Job %1 gestartet: %2</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Job %1 (%2) failed: %3</source>
        <translation>Job %1 (%2) fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Job %1 (%2) cancelled</source>
        <translation>Job %1 (%2) abgebrochen</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Job %1 (%2) finished in %3 s</source>
        <translation>Job %1 (%2) nach %3 s abgeschlossen</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
</context>
<context>
    <name>scdesk::JobsDock</name>
    <message>
        <source>Clear finished</source>
        <translation>Abgeschlossene entfernen</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Jobs</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop this job; nothing it computed is kept</source>
        <translation>Diesen Job stoppen; bisher berechnete Ergebnisse werden verworfen</translation>
    </message>
    <message>
        <source>Save job spec</source>
        <translation>Job-Spezifikation speichern</translation>
    </message>
    <message>
        <source>Job spec (*.json)</source>
        <translation>Job-Spezifikation (*.json)</translation>
    </message>
    <message>
        <source>Copy as command</source>
        <translation>Als Befehl kopieren</translation>
    </message>
    <message>
        <source>Save spec…</source>
        <translation>Spezifikation speichern…</translation>
    </message>
    <message>
        <source>Copy error message</source>
        <translation>Fehlermeldung kopieren</translation>
    </message>
    <message>
        <source>Copy the scdesk-cli command that repeats the selected job</source>
        <translation>Den scdesk-cli-Befehl kopieren, der den ausgewählten Job wiederholt</translation>
    </message>
    <message>
        <source>Save the selected job as JSON; replay it with scdesk-cli run SPEC.json</source>
        <translation>Den ausgewählten Job als JSON speichern; mit scdesk-cli run SPEC.json erneut ausführen</translation>
    </message>
</context>
<context>
    <name>scdesk::KompotDaView</name>
    <message>
        <source>Changes the colours and counts in this view only: the direction column in the dataset keeps the thresholds of the run.</source>
        <translation>Ändert nur die Farben und Zählungen in dieser Ansicht: Die Richtungsspalte im Datensatz behält die Schwellenwerte des Laufs.</translation>
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
        <translation>Schwellenwert der posterioren Tail-Wahrscheinlichkeit auf der −log₁₀-Skala (1,3 = 0,05).</translation>
    </message>
    <message>
        <source>Export figure…</source>
        <translation>Abbildung exportieren…</translation>
    </message>
    <message>
        <source>Save the volcano as PNG, SVG or PDF</source>
        <translation>Den Volcano-Plot als PNG, SVG oder PDF speichern</translation>
    </message>
    <message>
        <source>Thresholds:</source>
        <translation>Schwellenwerte:</translation>
    </message>
    <message>
        <source>Show on embedding:</source>
        <translation>Im Embedding zeigen:</translation>
    </message>
    <message>
        <source>Log fold change</source>
        <translation>Log-Fold-Change</translation>
    </message>
    <message>
        <source>−log₁₀ tail probability</source>
        <translation>−log₁₀ Tail-Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Colour the embedding by the obs column %1</source>
        <translation>Das Embedding nach der obs-Spalte %1 färben</translation>
    </message>
    <message>
        <source>%1 up, %2 down, %3 neutral of %4 cells</source>
        <translation>%1 mehr, %2 weniger, %3 neutral von %4 Zellen</translation>
    </message>
    <message>
        <source>Differential abundance %1 → %2</source>
        <translation>Differenzielle Abundanz %1 → %2</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>scdesk::KompotDeView</name>
    <message>
        <source>The score on the volcano&apos;s vertical axis</source>
        <translation>Der Wert auf der vertikalen Achse des Volcano-Plots</translation>
    </message>
    <message>
        <source>Mahalanobis distance</source>
        <translation>Mahalanobis-Distanz</translation>
    </message>
    <message>
        <source>−log₁₀ local FDR</source>
        <translation>−log₁₀ lokale FDR</translation>
    </message>
    <message>
        <source>−log₁₀ tail FDR</source>
        <translation>−log₁₀ Tail-FDR</translation>
    </message>
    <message>
        <source>−log₁₀ tail probability</source>
        <translation>−log₁₀ Tail-Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>Top </source>
        <translation>Top </translation>
    </message>
    <message>
        <source>Without null genes there is no FDR: the genes with the largest Mahalanobis distance are coloured instead</source>
        <translation>Ohne Nullgene gibt es keine FDR: Stattdessen werden die Gene mit der größten Mahalanobis-Distanz eingefärbt</translation>
    </message>
    <message>
        <source>Filter genes</source>
        <translation>Gene filtern</translation>
    </message>
    <message>
        <source>is_de only</source>
        <translation>nur is_de</translation>
    </message>
    <message>
        <source>Show only the genes called differentially expressed at the FDR threshold</source>
        <translation>Nur die Gene zeigen, die beim FDR-Schwellenwert als differenziell exprimiert gelten</translation>
    </message>
    <message>
        <source>This run had no null genes, so no gene was called by FDR</source>
        <translation>Dieser Lauf hatte keine Nullgene, daher wurde kein Gen über die FDR eingestuft</translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation>Tabelle exportieren…</translation>
    </message>
    <message>
        <source>Save the table as CSV or TSV</source>
        <translation>Die Tabelle als CSV oder TSV speichern</translation>
    </message>
    <message>
        <source>Export figure…</source>
        <translation>Abbildung exportieren…</translation>
    </message>
    <message>
        <source>Save the volcano as PNG, SVG or PDF</source>
        <translation>Den Volcano-Plot als PNG, SVG oder PDF speichern</translation>
    </message>
    <message>
        <source>Y axis:</source>
        <translation>Y-Achse:</translation>
    </message>
    <message>
        <source>Imputed expression on embedding</source>
        <translation>Imputierte Expression im Embedding</translation>
    </message>
    <message>
        <source>Fold change on embedding</source>
        <translation>Fold-Change im Embedding</translation>
    </message>
    <message>
        <source>This run did not store the imputed expression layers</source>
        <translation>Dieser Lauf hat die Layer der imputierten Expression nicht gespeichert</translation>
    </message>
    <message>
        <source>The selected gene&apos;s imputed expression in %1 (left) and %2 (right), on one colour range (double-click a gene does the same)</source>
        <translation>Die imputierte Expression des ausgewählten Gens in %1 (links) und %2 (rechts) mit einem gemeinsamen Farbbereich (ein Doppelklick auf ein Gen bewirkt dasselbe)</translation>
    </message>
    <message>
        <source>The selected gene&apos;s per-cell log fold change %1 → %2, blue below and red above zero</source>
        <translation>Der Log-Fold-Change %1 → %2 des ausgewählten Gens je Zelle, blau unter und rot über null</translation>
    </message>
    <message>
        <source>%1 of %2 genes</source>
        <translation>%1 von %2 Genen</translation>
    </message>
    <message>
        <source>Select a gene in the table or the volcano</source>
        <translation>Wählen Sie ein Gen in der Tabelle oder im Volcano-Plot aus</translation>
    </message>
    <message>
        <source>Selected: %1 (hidden by the table filters)</source>
        <translation>Ausgewählt: %1 (durch die Tabellenfilter ausgeblendet)</translation>
    </message>
    <message>
        <source>Selected: %1</source>
        <translation>Ausgewählt: %1</translation>
    </message>
    <message>
        <source>Differential expression %1 → %2</source>
        <translation>Differenzielle Expression %1 → %2</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>scdesk::KompotDeVolcano</name>
    <message>
        <source>Mean log fold change</source>
        <translation>Mittlerer Log-Fold-Change</translation>
    </message>
    <message>
        <source>Up (%1)</source>
        <translation>Hochreguliert (%1)</translation>
    </message>
    <message>
        <source>Down (%1)</source>
        <translation>Herunterreguliert (%1)</translation>
    </message>
    <message>
        <source>Not called (%1)</source>
        <translation>Nicht eingestuft (%1)</translation>
    </message>
    <message>
        <source>mean log fold change %1&lt;br&gt;%2: %3</source>
        <translation>mittlerer Log-Fold-Change %1&lt;br&gt;%2: %3</translation>
    </message>
</context>
<context>
    <name>scdesk::LogDock</name>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Debug and above</source>
        <translation>Debug und höher</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info und höher</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Warnungen und Fehler</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Alle Kategorien</translation>
    </message>
    <message>
        <source>Search messages</source>
        <translation>Meldungen durchsuchen</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
</context>
<context>
    <name>scdesk::LogModel</name>
    <message>
        <source>Debug</source>
        <translation>Debug</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Fatal</source>
        <translation>Schwerwiegend</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>scdesk::MainWindow</name>
    <message>
        <source>Embedding</source>
        <translation>Embedding</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Datensatz</translation>
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
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open dataset</source>
        <translation>Datensatz öffnen</translation>
    </message>
    <message>
        <source>AnnData (*.h5ad);;All files (*)</source>
        <translation>AnnData (*.h5ad);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>Open &amp;Demo Dataset</source>
        <translation>&amp;Demo-Datensatz öffnen</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>&amp;Figure…</source>
        <translation>&amp;Abbildung…</translation>
    </message>
    <message>
        <source>&amp;Table…</source>
        <translation>&amp;Tabelle…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>E&amp;instellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>A&amp;nalyse</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About scDesk</source>
        <translation>Ü&amp;ber scDesk</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Cannot open file</source>
        <translation>Datei kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Demo dataset (seed %1)</source>
        <translation>Demo-Datensatz (Seed %1)</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <source>Opened %1: %2</source>
        <translation>%1 geöffnet: %2</translation>
    </message>
    <message>
        <source>Open a dataset first (File → Open, or File → Open Demo Dataset).</source>
        <translation>Öffnen Sie zuerst einen Datensatz (Datei → Öffnen oder Datei → Demo-Datensatz öffnen).</translation>
    </message>
    <message>
        <source>Add %1 results to the dataset</source>
        <translation>Ergebnisse von %1 zum Datensatz hinzufügen</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Compute: %1</source>
        <translation>Berechnung: %1</translation>
    </message>
    <message>
        <source>Compute device: %1</source>
        <translation>Rechengerät: %1</translation>
    </message>
    <message>
        <source>About scDesk</source>
        <translation>Über scDesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;scDesk %1&lt;/h3&gt;&lt;p&gt;Single-cell genomics on the desktop: differential abundance and expression (Kompot), Bayesian count models (SCRIBE), negative-binomial GLMs (delnx) and ATAC→RNA delays (Effendi).&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;HDF5&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Eigen&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Parallelism&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Compute device&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;GPU&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;h3&gt;scDesk %1&lt;/h3&gt;&lt;p&gt;Einzelzell-Genomik auf dem Desktop: differenzielle Abundanz und Expression (Kompot), bayessche Zählmodelle (SCRIBE), negativ-binomiale GLMs (delnx) und ATAC→RNA-Verzögerungen (Effendi).&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;HDF5&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Eigen&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Parallelisierung&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Rechengerät&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;GPU&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>Tabelle exportieren</translation>
    </message>
    <message>
        <source>Select a result tab to export its table.</source>
        <translation>Wählen Sie einen Ergebnis-Tab aus, um dessen Tabelle zu exportieren.</translation>
    </message>
    <message>
        <source>Memory: %1</source>
        <translation>Speicher: %1</translation>
    </message>
    <message>
        <source>Quit scDesk</source>
        <translation>scDesk beenden</translation>
    </message>
    <message>
        <source>Jobs are still running. Cancel them and quit?</source>
        <translation>Es laufen noch Jobs. Sollen sie abgebrochen und scDesk beendet werden?</translation>
    </message>
    <message>
        <source>Cells</source>
        <translation>Zellen</translation>
    </message>
    <message>
        <source>Find gene…</source>
        <translation>Gen suchen…</translation>
    </message>
    <message>
        <source>Genes</source>
        <translation>Gene</translation>
    </message>
    <message>
        <source>Saving cancelled; no file was written.</source>
        <translation>Speichern abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <source>Write the dataset, with your analysis results, to a new .h5ad file</source>
        <translation>Den Datensatz mit Ihren Analyseergebnissen in eine neue .h5ad-Datei schreiben</translation>
    </message>
    <message>
        <source>Find &amp;Gene…</source>
        <translation>&amp;Gen suchen…</translation>
    </message>
    <message>
        <source>Save dataset as</source>
        <translation>Datensatz speichern unter</translation>
    </message>
    <message>
        <source>AnnData (*.h5ad)</source>
        <translation>AnnData (*.h5ad)</translation>
    </message>
    <message>
        <source>“%1” is the file this dataset was opened from. scDesk never overwrites the file it read: it copies the parts you did not change from it while saving. Choose another name, for example “%2”.</source>
        <translation>„%1“ ist die Datei, aus der dieser Datensatz geöffnet wurde. scDesk überschreibt nie die gelesene Datei: Beim Speichern werden die Teile, die Sie nicht geändert haben, aus ihr übernommen. Wählen Sie einen anderen Namen, zum Beispiel „%2“.</translation>
    </message>
    <message>
        <source>Cannot save over the original file</source>
        <translation>Die Originaldatei kann nicht überschrieben werden</translation>
    </message>
    <message>
        <source>Save %1</source>
        <translation>%1 speichern</translation>
    </message>
    <message>
        <source>Saved %1 (%2)</source>
        <translation>%1 gespeichert (%2)</translation>
    </message>
    <message>
        <source>Saved %1 to %2 (%3)</source>
        <translation>%1 in %2 gespeichert (%3)</translation>
    </message>
    <message>
        <source>The data are compressed with a method this build of scDesk cannot decode. Re-saving the file from Python with gzip compression (adata.write_h5ad(path, compression=&quot;gzip&quot;)) gives a copy scDesk can open.</source>
        <translation>Die Daten sind mit einem Verfahren komprimiert, das dieser Build von scDesk nicht dekodieren kann. Wenn Sie die Datei in Python mit gzip-Komprimierung neu speichern (adata.write_h5ad(path, compression=&quot;gzip&quot;)), erhalten Sie eine Kopie, die scDesk öffnen kann.</translation>
    </message>
    <message>
        <source>The file looks incomplete or is not an HDF5 file: check that the download or copy finished, or open the original.</source>
        <translation>Die Datei scheint unvollständig oder keine HDF5-Datei zu sein: Prüfen Sie, ob der Download bzw. das Kopieren abgeschlossen ist, oder öffnen Sie das Original.</translation>
    </message>
    <message>
        <source>The file may come from a tool or an anndata version scDesk does not know yet. Reading it with a recent anndata and saving it again (anndata.read_h5ad, then write_h5ad) usually gives a layout scDesk can open.</source>
        <translation>Die Datei stammt möglicherweise von einem Werkzeug oder einer anndata-Version, die scDesk noch nicht kennt. Wenn Sie sie mit einer aktuellen anndata-Version einlesen und erneut speichern (anndata.read_h5ad, dann write_h5ad), erhalten Sie meist ein Layout, das scDesk öffnen kann.</translation>
    </message>
    <message>
        <source>Check that you are allowed to read the file and to write in the chosen folder.</source>
        <translation>Prüfen Sie, ob Sie die Datei lesen und in den gewählten Ordner schreiben dürfen.</translation>
    </message>
    <message>
        <source>The disk is full: free some space or save to another drive. The original file was not touched.</source>
        <translation>Der Datenträger ist voll: Geben Sie Speicherplatz frei oder speichern Sie auf einem anderen Laufwerk. Die Originaldatei wurde nicht verändert.</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Save Selection as &amp;Group…</source>
        <translation>Auswahl als &amp;Gruppe speichern…</translation>
    </message>
    <message>
        <source>Save the selected cells as a group (a new obs column) for colouring and analyses</source>
        <translation>Die ausgewählten Zellen als Gruppe (eine neue obs-Spalte) zum Färben und für Analysen speichern</translation>
    </message>
    <message>
        <source>Clear Selection</source>
        <translation>Auswahl aufheben</translation>
    </message>
    <message>
        <source>&amp;Second Embedding View</source>
        <translation>&amp;Zweite Embedding-Ansicht</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message numerus="yes">
        <source>%n cell(s) selected</source>
        <translation>
            <numerusform>%n Zelle ausgewählt</numerusform>
            <numerusform>%n Zellen ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot save the selection</source>
        <translation>Die Auswahl kann nicht gespeichert werden</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n cell(s) as “%1” in obs column “%2”</source>
        <translation>
            <numerusform>%n Zelle als „%1“ in obs-Spalte „%2“ gespeichert</numerusform>
            <numerusform>%n Zellen als „%1“ in obs-Spalte „%2“ gespeichert</numerusform>
        </translation>
    </message>
    <message>
        <source>Save selection as group</source>
        <translation>Auswahl als Gruppe speichern</translation>
    </message>
    <message numerus="yes">
        <source>%n selected cell(s)</source>
        <translation>
            <numerusform>%n ausgewählte Zelle</numerusform>
            <numerusform>%n ausgewählte Zellen</numerusform>
        </translation>
    </message>
    <message>
        <source>Obs column:</source>
        <translation>obs-Spalte:</translation>
    </message>
    <message>
        <source>Group name:</source>
        <translation>Gruppenname:</translation>
    </message>
    <message>
        <source>An existing column of that name is replaced (Edit → Undo restores it). Cells outside the selection are left missing.</source>
        <translation>Eine vorhandene Spalte dieses Namens wird ersetzt (Bearbeiten → Rückgängig stellt sie wieder her). Zellen außerhalb der Auswahl erhalten keinen Wert (fehlend).</translation>
    </message>
    <message>
        <source>“%1” is not in the dataset yet: its results are still being added.</source>
        <translation>„%1“ ist noch nicht im Datensatz: Die Ergebnisse werden noch hinzugefügt.</translation>
    </message>
    <message>
        <source>The layers of %1 are not in the dataset yet: its results are still being added.</source>
        <translation>Die Layer von %1 sind noch nicht im Datensatz: Die Ergebnisse werden noch hinzugefügt.</translation>
    </message>
</context>
<context>
    <name>scdesk::MeanDispersionPlot</name>
    <message>
        <source>Gene-wise MLE</source>
        <translation>Genweise MLE</translation>
    </message>
    <message>
        <source>QL shrunken (× trend)</source>
        <translation>QL geschrumpft (× Trend)</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>Trend</translation>
    </message>
    <message>
        <source>Mean count</source>
        <translation>Mittlerer Zählwert</translation>
    </message>
    <message>
        <source>Overdispersion</source>
        <translation>Überdispersion</translation>
    </message>
    <message>
        <source>mean %1&lt;br&gt;MLE dispersion %2&lt;br&gt;trend %3&lt;br&gt;QL dispersion %4 (× trend = %5)</source>
        <translation>Mittelwert %1&lt;br&gt;MLE-Dispersion %2&lt;br&gt;Trend %3&lt;br&gt;QL-Dispersion %4 (× Trend = %5)</translation>
    </message>
</context>
<context>
    <name>scdesk::PlotExport</name>
    <message>
        <source>Cannot write to the folder of %1</source>
        <translation>In den Ordner von %1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Unknown figure format &apos;%1&apos; (use .png, .svg or .pdf)</source>
        <translation>Unbekanntes Abbildungsformat „%1“ (verwenden Sie .png, .svg oder .pdf)</translation>
    </message>
    <message>
        <source>Could not render the figure to %1</source>
        <translation>Die Abbildung konnte nicht nach %1 gerendert werden</translation>
    </message>
</context>
<context>
    <name>scdesk::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>All cores (%1)</source>
        <translation>Alle Kerne (%1)</translation>
    </message>
    <message>
        <source>Worker threads:</source>
        <translation>Worker-Threads:</translation>
    </message>
    <message>
        <source>Automatic (CUDA when available)</source>
        <translation>Automatisch (CUDA, falls verfügbar)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA: %1</source>
        <translation>CUDA: %1</translation>
    </message>
    <message>
        <source>Compute device:</source>
        <translation>Rechengerät:</translation>
    </message>
    <message>
        <source>No CUDA device found; analyses run on the CPU.</source>
        <translation>Kein CUDA-Gerät gefunden; Analysen laufen auf der CPU.</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Design:</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>Language changes apply to newly opened windows and after a restart.</source>
        <translation>Sprachänderungen gelten für neu geöffnete Fenster und nach einem Neustart.</translation>
    </message>
</context>
<context>
    <name>scdesk::ResultView</name>
    <message>
        <source>Filter by %1</source>
        <translation>Nach %1 filtern</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Save this table as CSV or TSV</source>
        <translation>Diese Tabelle als CSV oder TSV speichern</translation>
    </message>
    <message>
        <source>%1 of %2 rows</source>
        <translation>%1 von %2 Zeilen</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>Tabelle exportieren</translation>
    </message>
    <message>
        <source>Comma-separated (*.csv);;Tab-separated (*.tsv)</source>
        <translation>Kommagetrennt (*.csv);;Tabulatorgetrennt (*.tsv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>scdesk::TableExportDialog</name>
    <message>
        <source>Export table</source>
        <translation>Tabelle exportieren</translation>
    </message>
    <message>
        <source>Which rows should the file hold?</source>
        <translation>Welche Zeilen soll die Datei enthalten?</translation>
    </message>
    <message>
        <source>Filtered rows (%1)</source>
        <translation>Gefilterte Zeilen (%1)</translation>
    </message>
    <message>
        <source>All rows (%1)</source>
        <translation>Alle Zeilen (%1)</translation>
    </message>
    <message>
        <source>Comma-separated (*.csv);;Tab-separated (*.tsv)</source>
        <translation>Kommagetrennt (*.csv);;Tabulatorgetrennt (*.tsv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>scdesk::UndoCommands</name>
    <message>
        <source>Save selection as group “%1”</source>
        <translation>Auswahl als Gruppe „%1“ speichern</translation>
    </message>
    <message>
        <source>Recolour category</source>
        <translation>Kategorie umfärben</translation>
    </message>
</context>
<context>
    <name>scdesk::VolcanoPlot</name>
    <message>
        <source>n.s.</source>
        <translation>n. s.</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Herunterreguliert</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Hochreguliert</translation>
    </message>
    <message>
        <source>log₂ fold change</source>
        <translation>log₂-Fold-Change</translation>
    </message>
    <message>
        <source>−log₁₀ p</source>
        <translation>−log₁₀ p</translation>
    </message>
    <message>
        <source>Up (%1)</source>
        <translation>Hochreguliert (%1)</translation>
    </message>
    <message>
        <source>Down (%1)</source>
        <translation>Herunterreguliert (%1)</translation>
    </message>
    <message>
        <source>n.s. (%1)</source>
        <translation>n. s. (%1)</translation>
    </message>
    <message>
        <source>p = 0 (below double precision): drawn at −log₁₀ p = %1, the largest finite value + 1</source>
        <translation>p = 0 (unterhalb der double-Genauigkeit): dargestellt bei −log₁₀ p = %1, dem größten endlichen Wert + 1</translation>
    </message>
    <message>
        <source>log₂FC %1&lt;br&gt;p %2&lt;br&gt;padj %3</source>
        <translation>log₂FC %1&lt;br&gt;p %2&lt;br&gt;padj %3</translation>
    </message>
</context>
</TS>
