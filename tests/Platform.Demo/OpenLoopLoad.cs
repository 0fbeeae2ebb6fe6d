using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Platform.Contracts.Registry;

namespace Platform.Demo;

/// <summary>
/// Requests at a fixed rate, whatever the answers' pace (open loop; wrk2 is not packaged here and
/// wrk waits for each answer before the next request on a connection). Each request is due at
/// <c>start + i / rate</c>; its latency runs from when it was due, not from when it left, so a
/// stall of the server counts for every request it delayed (no coordinated omission). Prints one
/// line: <c>RESULT requests= rps= p50_us= p99_us= non2xx= errors= late_starts=</c>.
/// </summary>
public static class OpenLoopLoad
{
    public static async Task<int> RunAsync(string url, string apiKey, string bodyFile, double rate, TimeSpan duration, int connections, TextWriter output)
    {
        if (rate <= 0) throw new ArgumentException("--rate must be above 0.");
        var body = await File.ReadAllBytesAsync(bodyFile);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        var uri = new Uri(url);
        var total = (int)Math.Max(1, Math.Round(rate * duration.TotalSeconds));
        var latencies = new double[total];
        var status = new int[total];
        var sends = new List<Task>(total);

        // Warm the pool so the first due requests do not pay for connecting.
        await SendAsync(http, uri, apiKey, body);

        var start = Stopwatch.GetTimestamp();
        var ticksPerRequest = Stopwatch.Frequency / rate;
        var late = 0;
        for (var i = 0; i < total;)
        {
            var now = Stopwatch.GetTimestamp();
            // Everything due by now leaves now: the timer's 1 ms grain must not lower the rate.
            for (; i < total && start + (long)(i * ticksPerRequest) <= now; i++)
            {
                if (now - (start + (long)(i * ticksPerRequest)) > Stopwatch.Frequency / 100) late++;
                sends.Add(Measure(i, start + (long)(i * ticksPerRequest)));
            }
            if (i < total) await Task.Delay(1);
        }
        await Task.WhenAll(sends);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;

        async Task Measure(int index, long due)
        {
            status[index] = await SendAsync(http, uri, apiKey, body);
            latencies[index] = Stopwatch.GetElapsedTime(due).TotalMicroseconds;
        }

        Array.Sort(latencies);
        var ok = status.Count(s => s is >= 200 and < 300);
        var errors = status.Count(s => s == 0);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT requests={total} ok={ok} rps={total / elapsed:F1} target_rps={rate:F1} p50_us={latencies[(int)(0.50 * (total - 1))]:F0} " +
            $"p99_us={latencies[(int)(0.99 * (total - 1))]:F0} non2xx={total - ok - errors} errors={errors} late_starts={late}"));
        return 0;
    }

    /// <summary>The answer's status code, 0 when there was none (connection error or timeout).</summary>
    private static async Task<int> SendAsync(HttpClient http, Uri uri, string apiKey, byte[] body)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add(ApiKeys.Header, apiKey);
            using var response = await http.SendAsync(request);
            await response.Content.CopyToAsync(Stream.Null);
            return (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return 0;
        }
    }
}
