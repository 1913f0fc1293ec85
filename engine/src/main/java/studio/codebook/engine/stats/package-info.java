/**
 * Statistics of discrete codes: how much of each codebook is used and how dependent the codebooks
 * are, measured on the codes of held-out audio (METHOD.md, "Measuring dependence").
 *
 * <p>{@link studio.codebook.engine.stats.CodeStatistics} is the entry point; it returns immutable
 * records ({@link studio.codebook.engine.stats.CodebookStatistics}, {@link
 * studio.codebook.engine.stats.MutualInformationMatrix}, {@link
 * studio.codebook.engine.stats.TotalCorrelation}, {@link studio.codebook.engine.stats.CodeReport})
 * that serialise to JSON with Jackson. All quantities are in bits.
 *
 * <h2>Estimators and their limits</h2>
 * Entropies are <em>plug-in</em> estimates from histograms, {@code Ĥ = −Σ p̂ log₂ p̂}, which
 * underestimate the true entropy by about {@code (m−1)/(2N ln 2)} bits for m occupied bins and N
 * samples. The <em>Miller–Madow</em> correction adds exactly that first-order term back. Mutual
 * information {@code Î = Ĥ(X) + Ĥ(Y) − Ĥ(X,Y)} therefore inherits an <em>upward</em> bias; for
 * independent codes its expectation is {@code (m_x−1)(m_y−1)/(2N ln 2)} bits (the G-test statistic
 * {@code 2N ln2 · Î} is χ² with that many degrees of freedom), which is reported as the <em>bias
 * bound</em>. Miller–Madow applied to each of the three entropies removes the first-order term but
 * not the higher ones, and it relies on the occupied-bin counts, which undercount the support when N
 * is small. With 1024-entry codebooks the bias bound is about {@code 1023²/(2N ln 2) ≈ 7.5·10⁵/N}
 * bits: 100 000 pairs leave 7.5 bits of bias, and only N ≫ 10⁶ pairs bring it below a tenth of a bit.
 * {@link studio.codebook.engine.stats.SampleAdequacy} turns this into a verdict the UI can show.
 *
 * <p>The joint entropy of K full codebooks cannot be estimated (1024⁴ cells), so total correlation
 * is reported two ways: the sum of pairwise mutual information (a proxy, not TC) and the exact TC of
 * coarse-grained codes, each codebook's entries merged into a few groups ({@link
 * studio.codebook.engine.stats.CoarseGraining}).
 *
 * <p>Several clips may be measured together; pairs and tuples of frames never straddle two clips.
 */
package studio.codebook.engine.stats;
