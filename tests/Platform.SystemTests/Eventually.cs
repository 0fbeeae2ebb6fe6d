namespace Platform.SystemTests;

/// <summary>Polls a condition of an asynchronous system until it holds or time runs out.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition()) return;
                last = null;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                last = ex; // a service restarting its connections; try again
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"Timed out waiting for {what}" + (last is null ? "" : $" (last error: {last.Message})"));
    }

    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var value = default(T);
        await TrueAsync(async () => done(value = await read()), what, timeout);
        return value!;
    }
}
