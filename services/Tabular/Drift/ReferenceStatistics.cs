using System.Text.Json;

namespace Platform.Tabular.Drift;

/// <summary>
/// What a model's train rows looked like, feature by feature: computed once when the model is
/// trained, stored beside it, and loaded with it for serving, so drift is measured against the
/// data the model actually learned from.
/// </summary>
public sealed record ReferenceStatistics(long Rows, IReadOnlyList<FeatureReference> Features)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web);

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static ReferenceStatistics FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<ReferenceStatistics>(json, Json) ?? throw new JsonException("The reference statistics are empty.");

    /// <summary>PSI of each feature for a window's bin counts (one array per feature, in feature order).</summary>
    public double[] Psi(IReadOnlyList<long[]> counts)
    {
        if (counts.Count != Features.Count) throw new ArgumentException($"{counts.Count} count arrays for {Features.Count} features.", nameof(counts));
        var psi = new double[Features.Count];
        for (var f = 0; f < psi.Length; f++) psi[f] = PopulationStability.Index(Features[f].Shares, counts[f]);
        return psi;
    }
}
