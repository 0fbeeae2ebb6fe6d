using System.Collections.Concurrent;
using Platform.Inference.Domain;

namespace Platform.Inference.Serving;

/// <summary>
/// The tenants' quota states in this replica's memory, so a request is checked without a database
/// read. Filled from <c>tenant_quotas</c> before the replica takes requests and again now and then,
/// and straight from this replica's own queue when Billing publishes a change; a state never
/// replaces a later one.
/// </summary>
public sealed class TenantQuotas
{
    private readonly ConcurrentDictionary<Guid, QuotaState> _states = new();

    public int ExceededCount => _states.Values.Count(s => s.Exceeded);

    public void Apply(QuotaState state) =>
        _states.AddOrUpdate(state.TenantId, state, (_, held) => state.Supersedes(held) ? state : held);

    /// <summary>The state that refuses the tenant's predictions now; null when it is served.</summary>
    public QuotaState? Refusal(Guid tenantId, DateTimeOffset now) =>
        _states.TryGetValue(tenantId, out var state) && state.Refuses(now) ? state : null;
}
