using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Registry;
using Platform.Registry.Infrastructure;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Registry.Consumers;

/// <summary>Records when each key was last used, as Inference reports it (a later use never goes back in time).</summary>
public sealed class ApiKeysUsedConsumer(RegistryDbContext db) : InboxConsumer<ApiKeysUsed, RegistryDbContext>(db)
{
    protected override async Task HandleAsync(ApiKeysUsed message, ConsumeContext<ApiKeysUsed> context)
    {
        var ids = message.Uses.Select(u => u.KeyId).ToArray();
        var keys = await Db.ApiKeys
            .Where(k => k.TenantId == message.TenantId && k.DeploymentId == message.DeploymentId && ids.Contains(k.Id))
            .ToDictionaryAsync(k => k.Id, context.CancellationToken);
        foreach (var use in message.Uses)
            if (keys.TryGetValue(use.KeyId, out var key)) key.MarkUsed(use.LastUsedAt);
    }
}
