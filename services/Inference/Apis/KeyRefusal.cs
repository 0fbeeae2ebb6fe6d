using Platform.Contracts.Registry;
using Platform.Inference.Serving;

namespace Platform.Inference.Apis;

/// <summary>Why a presented API key was not accepted, as the status and detail the caller gets.</summary>
public sealed record KeyRefusal(int Status, string Detail)
{
    public static KeyRefusal Missing(string deployment) =>
        new(StatusCodes.Status401Unauthorized, $"Send deployment '{deployment}''s API key in the {ApiKeys.Header} header.");

    public static KeyRefusal For(KeyCheck check, string deployment) => check.Outcome switch
    {
        KeyCheckOutcome.MissingKey => Missing(deployment),
        KeyCheckOutcome.Expired => new(StatusCodes.Status401Unauthorized,
            $"The API key {check.KeyPrefix}… expired at {check.At:O} (it was rotated); use its replacement."),
        KeyCheckOutcome.Revoked => new(StatusCodes.Status401Unauthorized, $"The API key {check.KeyPrefix}… was revoked at {check.At:O}."),
        KeyCheckOutcome.OtherDeployment => new(StatusCodes.Status403Forbidden,
            $"The API key {check.KeyPrefix}… is not a key of deployment '{deployment}'."),
        _ => new(StatusCodes.Status401Unauthorized, $"The API key is not a key of deployment '{deployment}' (unknown, or revoked long ago)."),
    };
}
