using Platform.Contracts.Training;
using Platform.Modeling.Text;
using Platform.Training.Infrastructure;

namespace Platform.Training.Domain;

/// <summary>
/// Announces, as Training starts, each pretrained model its packages ship (ADR 32): the registry's
/// catalog learns of it through the outbox, with the size and parameters counted from the file
/// itself. Every start announces again; the registry keeps the last word.
/// </summary>
public sealed partial class BaseModelAnnouncer(IServiceScopeFactory scopes, ILogger<BaseModelAnnouncer> logger) : BackgroundService
{
    public const string TextEncoder = "text-encoder";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Counting 22 M parameters means reading and parsing a 90 MB file: off the start-up path.
        var announced = await Task.Run(() => PretrainedEncoder.All.Select(encoder => (Encoder: encoder, Facts: encoder.Facts())).ToArray(), stoppingToken);
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
                foreach (var (encoder, facts) in announced)
                {
                    db.PublishOnCommit(new BaseModelRegistered(
                        Guid.Empty, Guid.NewGuid(), encoder.Name, TextEncoder, encoder.Licence, encoder.Source, encoder.Tokenizer,
                        facts.VocabularySize, facts.Parameters, facts.Bytes, encoder.Layers, encoder.Hidden));
                    LogAnnounced(logger, encoder.Name, facts.Parameters, facts.Bytes);
                }
                await db.SaveChangesAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < 10)
            {
                LogRetry(logger, ex, attempt);
                await Task.Delay(TimeSpan.FromSeconds(attempt), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Base model {Name} announced: {Parameters} parameters, {Bytes} bytes")]
    private static partial void LogAnnounced(ILogger logger, string name, long parameters, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcing the base models failed (attempt {Attempt}); trying again")]
    private static partial void LogRetry(ILogger logger, Exception exception, int attempt);
}
