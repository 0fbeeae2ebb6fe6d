using System.Collections.Concurrent;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.SystemTests;

/// <summary>
/// Every line the platform's services log from now on (their consoles, as the AppHost collects
/// them), to scan for what must never be logged. Dispose to stop listening.
/// </summary>
public sealed class ResourceLogs : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Resource, string Line)> _lines = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _watchers;

    public ResourceLogs(PlatformFixture platform)
    {
        var logs = platform.App.Services.GetRequiredService<ResourceLoggerService>();
        var model = platform.App.Services.GetRequiredService<DistributedApplicationModel>();
        _watchers = [.. model.Resources.OfType<ProjectResource>().Select(resource => Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in logs.WatchAsync(resource).WithCancellation(_stop.Token))
                    foreach (var line in batch) _lines.Enqueue((resource.Name, line.Content));
            }
            catch (OperationCanceledException) { }
        }))];
    }

    public IReadOnlyList<(string Resource, string Line)> Lines => [.. _lines];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_watchers);
        _stop.Dispose();
    }
}
