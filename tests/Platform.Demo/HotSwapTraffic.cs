using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Tabular;

namespace Platform.Demo;

/// <summary>
/// Steady traffic while a model is replaced: one-row predictions in a loop, every answer's model
/// version noted and every failure (an error status or no answer) counted, until stopped.
/// </summary>
public sealed class HotSwapTraffic : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _loop;
    private long _requests;
    private long _failed;
    // The latest answer's model version, boxed so that the loop's write and the waiter's read are atomic.
    private object _lastVersion = Guid.Empty;

    public HotSwapTraffic(PlatformClient client, string deployment, string apiKey, TabularData data, string target, CancellationToken ct)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _loop = Task.Run(() => LoopAsync(client, deployment, apiKey, data, target, _stop.Token));
    }

    public async Task WaitUntilServedByAsync(Guid version, TimeSpan timeout) =>
        await DeploymentJourney.WaitUntilAsync($"traffic to be answered by {version}", () => Task.FromResult((Guid)Volatile.Read(ref _lastVersion) == version), timeout, _stop.Token);

    public async Task<(long Requests, long Failed)> StopAsync()
    {
        await _stop.CancelAsync();
        try { await _loop; } catch (OperationCanceledException) { }
        return (Interlocked.Read(ref _requests), Interlocked.Read(ref _failed));
    }

    public void Dispose() => _stop.Dispose();

    private async Task LoopAsync(PlatformClient client, string deployment, string apiKey, TabularData data, string target, CancellationToken ct)
    {
        var random = new Random(7);
        var targetIndex = data.ColumnIndex(target);
        while (!ct.IsCancellationRequested)
        {
            var row = data.Rows[random.Next(data.Rows.Count)];
            var instance = new JsonObject();
            for (var c = 0; c < data.Columns.Count; c++)
            {
                if (c == targetIndex) continue;
                instance[data.Columns[c]] = row[c] is not { } text ? null
                    : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n) : JsonValue.Create(text);
            }
            try
            {
                var answer = await client.PredictAsync(deployment, apiKey, new JsonArray(instance), ct);
                Volatile.Write(ref _lastVersion, (object)answer["modelVersionId"]!.GetValue<Guid>());
                Interlocked.Increment(ref _requests);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                Interlocked.Increment(ref _requests);
                Interlocked.Increment(ref _failed);
            }
            await Task.Delay(20, CancellationToken.None);
        }
    }
}
