using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Answers a body over its endpoint's <see cref="BodyLimit"/> with 413 problem details naming the
/// limit. Kestrel enforces the size itself, but says so with an exception (a 500 once the exception
/// handler has it) or, when minimal APIs bind JSON, with an empty 413: neither tells the caller which
/// limit. A declared Content-Length over the limit is refused before a byte is read, so a client
/// that sent <c>Expect: 100-continue</c> (curl does for big bodies) never sends the body at all.
/// A bigger body without a length is refused where Kestrel counts past the limit; a client still
/// sending then may see the connection close instead of the answer, which is HTTP/1.1's way.
/// </summary>
public sealed class BodyLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>() is not { } limit)
        {
            await next(context);
            return;
        }
        if (context.Request.ContentLength > limit.Limit.Value)
        {
            await RefuseAsync(context, limit, context.Request.ContentLength);
            return;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await RefuseAsync(context, limit, declared: null);
            return;
        }
        // Minimal APIs' body binding catches Kestrel's exception itself and leaves an empty 413.
        if (context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
            await RefuseAsync(context, limit, declared: null);
    }

    private static Task RefuseAsync(HttpContext context, BodyLimit limit, long? declared) =>
        Problems.Limit(
                limit.Field,
                declared is { } length
                    ? $"is {length:N0} bytes; at most {limit.Limit.Value:N0} bytes are accepted"
                    : $"is larger than the {limit.Limit.Value:N0} bytes accepted",
                limit.Limit,
                statusCode: StatusCodes.Status413PayloadTooLarge)
            .ExecuteAsync(context);
}
