# The service, built from the official .NET images. Context: the repository root (azure.yaml says so).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props global.json* nuget.config* host.json ./
COPY functions/ functions/
COPY relay/Protocol/ relay/Protocol/
RUN dotnet publish functions/App/Hntt.App.csproj --configuration Release --output /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# Not root; listens on 8080 (Container Apps' target port); settings come from the environment.
USER $APP_UID
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "Hntt.App.dll"]
