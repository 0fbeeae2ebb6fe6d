using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Registry;
using Platform.Inference.Domain;
using Platform.Inference.Infrastructure;
using Platform.ServiceDefaults.Inbox;
using MassTransit;

namespace Platform.Inference.Consumers;

/// <summary>Records a run's versions so a request may pin any of them; a version already recorded is left as it is.</summary>
public sealed class ModelVersionsRegisteredConsumer(InferenceDbContext db, TimeProvider clock)
    : InboxConsumer<ModelVersionsRegistered, InferenceDbContext>(db)
{
    protected override async Task HandleAsync(ModelVersionsRegistered message, ConsumeContext<ModelVersionsRegistered> context)
    {
        var ids = message.Versions.Select(v => v.ModelVersionId).ToArray();
        var known = await Db.Versions.Where(v => ids.Contains(v.ModelVersionId)).Select(v => v.ModelVersionId).ToListAsync(context.CancellationToken);
        var now = clock.GetUtcNow();
        foreach (var version in message.Versions.Where(v => !known.Contains(v.ModelVersionId)))
            Db.Versions.Add(ServedVersion.From(message, version, now));
    }
}
