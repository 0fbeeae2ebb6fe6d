using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Registry.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ApiKeysLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "KeysRevision",
                table: "deployments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeploymentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    Scopes = table.Column<string[]>(type: "text[]", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastUsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReplacedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_keys", x => x.Id);
                });

            // A deployment's one key becomes its first row (the key's id is the deployment's, so Inference's
            // migration names the same key); its revision starts at 1 on both sides.
            migrationBuilder.Sql("""
                INSERT INTO api_keys ("Id", "TenantId", "DeploymentId", "Prefix", "Sha256", "Scopes", "CreatedAt")
                SELECT "Id", "TenantId", "Id", "ApiKeyPrefix", "ApiKeySha256", ARRAY['predict', 'feedback'], "CreatedAt" FROM deployments;
                UPDATE deployments SET "KeysRevision" = 1;
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
                name: "IX_api_keys_Sha256",
                table: "api_keys",
                column: "Sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_TenantId_DeploymentId",
                table: "api_keys",
                columns: new[] { "TenantId", "DeploymentId" });

            migrationBuilder.CreateIndex(
                name: "IX_revoked_credentials_RevokedAt",
                table: "revoked_credentials",
                column: "RevokedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "revoked_credentials");

            migrationBuilder.DropColumn(
                name: "KeysRevision",
                table: "deployments");

            migrationBuilder.AddColumn<string>(
                name: "ApiKeyPrefix",
                table: "deployments",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ApiKeySha256",
                table: "deployments",
                type: "character(64)",
                fixedLength: true,
                maxLength: 64,
                nullable: false,
                defaultValue: "");
        }
    }
}
