using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Inference.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class InputTreatment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InputTreatmentJson",
                table: "deployments",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "InputTreatmentJson",
                table: "deployments");
        }
    }
}
