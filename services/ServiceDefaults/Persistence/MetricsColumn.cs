using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.ServiceDefaults.Persistence;

/// <summary>Named numbers (metrics, reports) stored as one jsonb object: their keys vary by model and technique.</summary>
public static class MetricsColumn
{
    public static PropertyBuilder<Dictionary<string, double>> AsJsonbMetrics(this PropertyBuilder<Dictionary<string, double>> property) =>
        property
            .HasColumnType("jsonb")
            .HasConversion(
                m => JsonSerializer.Serialize(m, JsonSerializerOptions.Default),
                s => JsonSerializer.Deserialize<Dictionary<string, double>>(s, JsonSerializerOptions.Default) ?? new Dictionary<string, double>(),
                new ValueComparer<Dictionary<string, double>>(
                    (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                    m => m.Aggregate(0, (h, kv) => HashCode.Combine(h, kv.Key, kv.Value)),
                    m => new Dictionary<string, double>(m)));
}
