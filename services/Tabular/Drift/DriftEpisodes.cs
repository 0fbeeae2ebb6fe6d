namespace Platform.Tabular.Drift;

/// <summary>
/// Turns a sequence of windows' PSI into drift episodes: a feature drifts when its PSI exceeds the
/// threshold in <c>consecutiveWindows</c> windows in a row, and the episode it opens is reported
/// once. The episode ends at the first window in which no feature exceeds the threshold, so noise
/// around the threshold does not raise an alarm per window.
/// </summary>
public sealed class DriftEpisodes(double threshold, int consecutiveWindows)
{
    private int[] _streaks = [];

    public double Threshold { get; } = threshold > 0 ? threshold : throw new ArgumentOutOfRangeException(nameof(threshold));
    public int ConsecutiveWindows { get; } = consecutiveWindows >= 1 ? consecutiveWindows : throw new ArgumentOutOfRangeException(nameof(consecutiveWindows));
    public bool InEpisode { get; private set; }

    /// <summary>The window's verdict: the features over the threshold for long enough, and whether this window opens an episode.</summary>
    public DriftVerdict Evaluate(IReadOnlyList<double> psi)
    {
        if (_streaks.Length != psi.Count) _streaks = new int[psi.Count];
        var drifted = new List<int>();
        var anyAbove = false;
        for (var f = 0; f < psi.Count; f++)
        {
            if (psi[f] > Threshold)
            {
                anyAbove = true;
                if (++_streaks[f] >= ConsecutiveWindows) drifted.Add(f);
            }
            else
            {
                _streaks[f] = 0;
            }
        }

        var opens = false;
        if (drifted.Count > 0 && !InEpisode) InEpisode = opens = true;
        else if (!anyAbove) InEpisode = false;
        return new DriftVerdict(drifted, opens);
    }
}

/// <param name="DriftedFeatures">Indices of the features whose PSI exceeded the threshold for enough windows in a row.</param>
/// <param name="OpensEpisode">True for the one window of an episode that should be reported.</param>
public sealed record DriftVerdict(IReadOnlyList<int> DriftedFeatures, bool OpensEpisode);
