using System.Globalization;
using Platform.Contracts.Api.Inference;

namespace Platform.Portal.Components.Shared;

/// <summary>
/// What the drift chart draws: a line per feature over the window sequence, for the features whose
/// latest PSI is highest (the ones that matter now, not the ones that drifted once and settled),
/// on a scale that holds every drawn value, drift marker and the policy's threshold.
/// </summary>
public sealed class PsiPlot
{
    public const double Width = 640, Height = 220, Left = 44, Right = 12, Top = 10, Bottom = 28;
    public const int DefaultFeatures = 6;

    // Distinct on white and from the red drift markers.
    private static readonly string[] Palette = ["#3949ab", "#00897b", "#f9a825", "#8e24aa", "#6d4c41", "#039be5"];
    private const int MaxXTicks = 6;

    private readonly IReadOnlyList<DriftWindowResponse> _windows;

    public PsiPlot(IReadOnlyList<DriftWindowResponse> windows, double? threshold, int maxFeatures = DefaultFeatures)
    {
        _windows = windows;
        Threshold = threshold is { } t && double.IsFinite(t) && t >= 0 ? t : null;
        Features = TopFeatures(windows, maxFeatures);
        var drawn = windows
            .SelectMany(w => Features.Select(f => w.Psi.TryGetValue(f, out var psi) ? psi : double.NaN))
            .Concat(windows.Where(w => w.DriftDetected).Select(w => w.MaxPsi))
            .Append(Threshold ?? 0)
            .Where(double.IsFinite);
        (Max, Step) = Scale(drawn.DefaultIfEmpty(0).Max());
    }

    public IReadOnlyList<string> Features { get; }
    public double? Threshold { get; }
    /// <summary>The top of the y axis.</summary>
    public double Max { get; }
    public double Step { get; }

    public string ColorOf(int feature) => Palette[feature % Palette.Length];

    public double? LatestOf(string feature) =>
        _windows.Count > 0 && _windows[^1].Psi.TryGetValue(feature, out var psi) ? psi : null;

    /// <summary>The <paramref name="count"/> features with the highest PSI in the latest window, highest first.</summary>
    public static IReadOnlyList<string> TopFeatures(IReadOnlyList<DriftWindowResponse> windows, int count)
    {
        if (windows.Count == 0 || count <= 0) return [];
        return windows[^1].Psi
            .OrderByDescending(p => double.IsNaN(p.Value) ? double.NegativeInfinity : p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(p => p.Key)
            .ToArray();
    }

    /// <summary>The axis top and tick step: a 1, 2 or 5 step that puts at most about four ticks above zero.</summary>
    public static (double Max, double Step) Scale(double largest)
    {
        // PSI is 0 for a window just like the training data: the axis still needs a height.
        var value = largest > 0 && double.IsFinite(largest) ? largest : 0.1;
        var rough = value / 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = (rough / magnitude) switch { <= 1 => 1, <= 2 => 2, <= 5 => 5, _ => 10 } * magnitude;
        // The tolerance keeps 0.3 / 0.1 = 2.9999999999999996 from adding an empty tick.
        return (Math.Ceiling(value / step - 1e-9) * step, step);
    }

    public IEnumerable<double> Ticks
    {
        get
        {
            var count = (int)Math.Round(Max / Step);
            for (var i = 0; i <= count; i++) yield return i * Step;
        }
    }

    /// <summary>Window ends to label the x axis with, spaced so that labels do not overlap.</summary>
    public IEnumerable<(double X, string Label)> XTicks
    {
        get
        {
            var step = Math.Max(1, (int)Math.Ceiling(_windows.Count / (double)MaxXTicks));
            for (var i = 0; i < _windows.Count; i += step)
                yield return (X(i), _windows[i].WindowEnd.ToString("HH:mm", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A lone window sits in the middle rather than on the axis.</summary>
    public double X(int window) =>
        _windows.Count <= 1 ? Left + (Width - Left - Right) / 2 : Left + (Width - Left - Right) * window / (_windows.Count - 1);

    public double Y(double psi) => Top + (Height - Top - Bottom) * (1 - Math.Clamp(psi, 0, Max) / Max);

    /// <summary>The feature's points, left to right; a window that did not measure it has none.</summary>
    public IEnumerable<(double X, double Y)> PointsOf(string feature)
    {
        for (var i = 0; i < _windows.Count; i++)
            if (_windows[i].Psi.TryGetValue(feature, out var psi) && !double.IsNaN(psi)) yield return (X(i), Y(psi));
    }

    /// <summary>The feature's points as an SVG polyline's points attribute.</summary>
    public string Points(string feature) =>
        string.Join(" ", PointsOf(feature).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:F1},{p.Y:F1}")));

    /// <summary>A marker at the largest PSI of each window that counted as drift.</summary>
    public IEnumerable<(double X, double Y, DriftWindowResponse Window)> DriftMarkers =>
        _windows.Select((w, i) => (w, i)).Where(p => p.w.DriftDetected).Select(p => (X(p.i), Y(double.IsNaN(p.w.MaxPsi) ? 0 : p.w.MaxPsi), p.w));

    /// <summary>Where the served model changed between two windows: PSI is measured against another training set from there on.</summary>
    public IEnumerable<double> VersionChanges
    {
        get
        {
            for (var i = 1; i < _windows.Count; i++)
                if (_windows[i].ModelVersionId != _windows[i - 1].ModelVersionId) yield return (X(i - 1) + X(i)) / 2;
        }
    }

    /// <summary>"N windows, last window max PSI x.xxx (feature)".</summary>
    public static string Summary(IReadOnlyList<DriftWindowResponse> windows)
    {
        if (windows.Count == 0) return "No windows yet";
        var last = windows[^1];
        var feature = TopFeatures(windows, 1).FirstOrDefault();
        var count = windows.Count == 1 ? "1 window" : $"{windows.Count} windows";
        return string.Create(CultureInfo.InvariantCulture, $"{count}, last window max PSI {last.MaxPsi:F3}{(feature is null ? "" : $" ({feature})")}");
    }

    public static string Format(double psi) => psi.ToString("0.0##", CultureInfo.InvariantCulture);
}
