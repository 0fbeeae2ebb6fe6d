using System.Globalization;
using Platform.Registry.Extensions;

namespace Platform.Registry.Domain;

/// <summary>
/// Whether a run has stopped progressing, and the reason it is failed with. Progress is what the
/// registry hears of the run moving forward (<see cref="PipelineRun.ProgressedAt"/>): its start, a
/// further epoch, its trained model. A training with none for
/// <see cref="RunWatchdogOptions.TrainingStalledAfter"/>, or a compression unanswered for
/// <see cref="RunWatchdogOptions.CompressionStalledAfter"/> (a treatment of personal data as well), is stalled: its command was lost, or
/// its worker crashes on it, or the worker is gone. Finished runs never stall.
/// </summary>
public static class RunStall
{
    public static string? Reason(PipelineRun run, RunWatchdogOptions options, DateTimeOffset now)
    {
        TimeSpan limit;
        string since;
        switch (run.State)
        {
            case RunState.Training:
                limit = options.TrainingStalledAfter;
                since = run.Epoch > 0 ? $"epoch {run.Epoch} at {At(run.ProgressedAt)}" : $"the training was requested at {At(run.ProgressedAt)}";
                break;
            case RunState.Compressing:
                limit = options.CompressionStalledAfter;
                since = $"compression was requested at {At(run.ProgressedAt)}";
                break;
            // A treatment is one pass over the file, shorter than a compression: its limit is ample.
            case RunState.Treating:
                limit = options.CompressionStalledAfter;
                since = $"the treatment of its personal data was requested at {At(run.ProgressedAt)}";
                break;
            default:
                return null;
        }
        return now - run.ProgressedAt >= limit ? $"Stalled: no progress for {Describe(limit)} since {since}" : null;
    }

    /// <summary>"30 min" or "8 s": the limit as the options say it.</summary>
    public static string Describe(TimeSpan limit) =>
        limit >= TimeSpan.FromMinutes(1) && limit.Ticks % TimeSpan.TicksPerMinute == 0
            ? $"{(long)limit.TotalMinutes} min"
            : $"{limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";

    private static string At(DateTimeOffset time) => time.UtcDateTime.ToString("u", CultureInfo.InvariantCulture);
}
