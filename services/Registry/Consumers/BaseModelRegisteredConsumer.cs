using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Training;
using Platform.Registry.Domain;
using Platform.Registry.Infrastructure;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Registry.Consumers;

/// <summary>Keeps the catalog entry of a base model as Training last announced it (every start announces each again).</summary>
public sealed class BaseModelRegisteredConsumer(RegistryDbContext db, TimeProvider clock) : InboxConsumer<BaseModelRegistered, RegistryDbContext>(db)
{
    protected override async Task HandleAsync(BaseModelRegistered message, ConsumeContext<BaseModelRegistered> context)
    {
        var model = await Db.BaseModels.FirstOrDefaultAsync(m => m.Name == message.Name, context.CancellationToken);
        if (model is null)
        {
            model = new BaseModel { Name = message.Name, Kind = message.Kind, Licence = message.Licence, Source = message.Source, Tokenizer = message.Tokenizer };
            Db.BaseModels.Add(model);
        }
        model.Kind = message.Kind;
        model.Licence = message.Licence;
        model.Source = message.Source;
        model.Tokenizer = message.Tokenizer;
        model.VocabularySize = message.VocabularySize;
        model.Parameters = message.Parameters;
        model.Bytes = message.Bytes;
        model.Layers = message.Layers;
        model.Hidden = message.Hidden;
        model.RegisteredAt = clock.GetUtcNow();
    }
}
