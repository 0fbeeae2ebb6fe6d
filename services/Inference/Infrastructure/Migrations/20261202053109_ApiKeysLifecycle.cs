using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Inference.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ApiKeysLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ApiKeys",
                table: "deployments",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "KeysRevision",
                table: "deployments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // The one key a deployment had becomes its key set, under the id the registry's migration gives it (the deployment's).
            migrationBuilder.Sql("""
                UPDATE deployments SET "KeysRevision" = 1, "ApiKeys" = jsonb_build_array(jsonb_build_object(
                    'KeyId', "DeploymentId", 'Prefix', "ApiKeyPrefix", 'Sha256', "ApiKeySha256",
                    'Scopes', jsonb_build_array('predict', 'feedback'), 'ExpiresAt', NULL, 'RevokedAt', NULL))
                WHERE "ApiKeySha256" IS NOT NULL AND "DeploymentId" IS NOT NULL;
                UPDATE deployments SET "ApiKeys" = '[]'::jsonb WHERE "ApiKeys" IS NULL;
                """);

            migrationBuilder.DropColumn(
                name: "ApiKeyPrefix",
                table: "deployments");

            migrationBuilder.DropColumn(
                name: "ApiKeySha256",
                table: "deployments");

            migrationBuilder.CreateTable(
                name: "revoked_credentials",
                columns: table => new
                {
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_revoked_credentials", x => x.Subject);
                });

            migrationBuilder.CreateIndex(
                name: "IX_revoked_credentials_RevokedAt",
                table: "revoked_credentials",
                column: "RevokedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "revoked_credentials");

            migrationBuilder.DropColumn(
                name: "ApiKeys",
                table: "deployments");

            migrationBuilder.DropColumn(
                name: "KeysRevision",
                table: "deployments");

            migrationBuilder.AddColumn<string>(
                name: "ApiKeyPrefix",
                table: "deployments",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApiKeySha256",
                table: "deployments",
                type: "character(64)",
                fixedLength: true,
                maxLength: 64,
                nullable: true);
        }
    }
}
