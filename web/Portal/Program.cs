using Platform.Portal.Accounts;
using Platform.Portal.Apis;
using Platform.Portal.Components;
using Platform.Portal.Extensions;
using Platform.Portal.Identity;
using Platform.ServiceDefaults.Access;

var builder = WebApplication.CreateBuilder(args);
// The AppHost runs the portal from its build output in any environment: serve MudBlazor's and the
// framework's assets from where the build put them (a published app has no such manifest; this is then a no-op).
builder.WebHost.UseStaticWebAssets();

builder.AddServiceDefaults();
builder.AddPlatformAccess(authenticateEveryEndpoint: false);
builder.AddPortal();
builder.AddAccounts();
builder.AddIdentityServer();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapConnectEndpoints();
app.MapOrganizationsApi();
app.MapMembersApi();
app.MapClientsApi();
app.MapAccountEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
