using Platform.Portal.Accounts;
using Platform.Portal.Apis;
using Platform.Portal.Components;
using Platform.Portal.Extensions;

var builder = WebApplication.CreateBuilder(args);
// The AppHost runs the portal from its build output in any environment: serve MudBlazor's and the
// framework's assets from where the build put them (a published app has no such manifest; this is then a no-op).
builder.WebHost.UseStaticWebAssets();

builder.AddServiceDefaults();
builder.AddPortal();
builder.AddAccounts();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapTenantRegistrationApi();
app.MapAccountEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
