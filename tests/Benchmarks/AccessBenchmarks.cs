using System.Security.Claims;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Inference.Apis;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Contracts.Access;
using Platform.Contracts.Registry;
using Platform.Inference.Domain;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Access;

namespace Platform.Benchmarks;

/// <summary>
/// What checking a caller costs, per request: a deployment API key (predict and feedback: hash the
/// key, find it among every deployment's keys) and a bearer access token (every other route: RS256
/// signature, issuer, audience, lifetime, then the scope), beside each other in one run. Compare with
/// the serving benchmark's request core (<see cref="ServingBenchmarks"/>).
/// </summary>
[MemoryDiagnoser]
public class AccessBenchmarks
{
    private readonly DeploymentDirectory _directory = new();
    private readonly JsonWebTokenHandler _tokens = new();
    private string _apiKey = "";
    private string _accessToken = "";
    private TokenValidationParameters _parameters = null!;
    private ClaimsPrincipal _caller = null!;

    private IServiceProvider _services = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The predict route's own check, as ASP.NET Core runs it: the API key scheme authenticates, the predict policy authorizes.
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(_directory);
        services.AddSingleton(TimeProvider.System);
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, null);
        services.AddAuthorization(o => o.AddPolicy(PlatformScopes.Predict, p => p.AddAuthenticationSchemes(ApiKeyDefaults.Scheme)
            .RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(PlatformScopes.Predict))));
        _services = services.BuildServiceProvider();

        // 1,000 deployments with two keys each: the lookup must not depend on how many there are.
        for (var i = 0; i < 1000; i++)
        {
            var key = ApiKeys.Create();
            if (i == 500) _apiKey = key;
            var credentials = new CredentialKey(Guid.NewGuid(), ApiKeys.Prefix(key), ApiKeyHash.FromHex(ApiKeys.Sha256(key)), PlatformScopes.ApiKey, null, null);
            var spare = ApiKeys.Create();
            _directory.Upsert(new DeploymentCredentials(new DeploymentKey(Guid.NewGuid(), $"deployment-{i}"), Guid.NewGuid(),
                [credentials, credentials with { Id = Guid.NewGuid(), Hash = ApiKeyHash.FromHex(ApiKeys.Sha256(spare)) }], 1, Guid.NewGuid(), 1));
        }

        var rsa = RSA.Create(2048);
        var signing = new RsaSecurityKey(rsa) { KeyId = "bench" };
        var now = DateTime.UtcNow;
        _accessToken = _tokens.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "http://localhost:5000/", Audience = PlatformClaims.Audience, TokenType = "at+jwt",
            IssuedAt = now, NotBefore = now, Expires = now.AddHours(1),
            Subject = new ClaimsIdentity([
                new Claim(PlatformClaims.Subject, "cli_bench"), new Claim(PlatformClaims.TenantId, Guid.NewGuid().ToString()),
                new Claim(PlatformClaims.Scope, string.Join(' ', PlatformScopes.Tenant))]),
            SigningCredentials = new SigningCredentials(signing, SecurityAlgorithms.RsaSha256),
        });
        // The same parameters the services validate with (ServiceDefaults' TokenValidation): public key only.
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = "http://localhost:5000/", ValidAudience = PlatformClaims.Audience, ValidTypes = ["at+jwt"],
            IssuerSigningKey = new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = "bench" },
            NameClaimType = PlatformClaims.Subject, RoleClaimType = PlatformClaims.Role,
        };
        _caller = new ClaimsPrincipal(new ClaimsIdentity([new Claim(PlatformClaims.Scope, string.Join(' ', PlatformScopes.Tenant))], "bench"));
    }

    [Benchmark(Description = "API key: hash and find among 2,000 keys")]
    public KeyCheckOutcome ApiKey() => _directory.Check("deployment-500", _apiKey, DateTimeOffset.UtcNow).Outcome;

    [Benchmark(Description = "predict's whole check: authenticate the key, authorize predict")]
    public async Task<bool> PredictCheck()
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Request.RouteValues["name"] = "deployment-500";
        context.Request.Headers[ApiKeys.Header] = _apiKey;
        var authenticated = await context.AuthenticateAsync(ApiKeyDefaults.Scheme);
        var authorization = _services.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(authenticated.Principal!, PlatformScopes.Predict)).Succeeded;
    }

    [Benchmark(Description = "access token: validate an RS256 JWT")]
    public async Task<bool> AccessToken() => (await _tokens.ValidateTokenAsync(_accessToken, _parameters)).IsValid;

    [Benchmark(Description = "scope: find one in the token's scope claim")]
    public bool Scope() => _caller.HasScope(PlatformScopes.UsageRead);
}
