using Platform.Inference.Domain;
using Platform.Inference.Serving;

namespace Platform.Inference.Infrastructure;

/// <summary>Writes a quota event into the tenant's row (the durable copy), and into memory once it commits.</summary>
public static class QuotaStore
{
    public static async Task ApplyQuotaAsync(this InferenceDbContext db, QuotaState state, TenantQuotas quotas, CancellationToken ct)
    {
        var row = await db.TenantQuotas.FindAsync([state.TenantId], ct);
        if (row is null)
        {
            row = TenantQuota.For(state.TenantId);
            db.TenantQuotas.Add(row);
        }
        if (!row.Apply(state)) return;
        db.AfterCommit(() => quotas.Apply(state));
    }
}
