// The pages' web app as a container app: the same host as locally (functions/App), which with Web__ApiBaseUrl set runs
// no durable worker and no timers — the Functions app does — and calls the Functions app's API with the signed-in
// user's token. HTTPS ingress, probes on /healthz and /readyz, its identity for storage, Key Vault and the registry,
// telemetry to Application Insights. Nothing runs here while nobody looks: it scales to zero, and up under HTTP load.
param suffix string
param location string
param tags object
param identityId string
param identityClientId string
param workspaceName string
@secure()
param appInsightsConnectionString string
param registryLoginServer string
param image string
param storageAccountName string
param subnetId string
param vaultUri string

@description('The Functions app, whose API the pages call.')
param apiBaseUrl string

@description('Plain settings as [{ name, value }].')
param settings object[]

@description('Settings read from Key Vault as [{ name, secret }].')
param secretSettings object[]

@description('At most this many replicas.')
param maxReplicas int = 4

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' existing = {
  name: workspaceName
}

resource environment 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: 'cae-hntt-${suffix}'
  location: location
  tags: tags
  properties: {
    vnetConfiguration: { infrastructureSubnetId: subnetId, internal: false }
    workloadProfiles: [ { name: 'Consumption', workloadProfileType: 'Consumption' } ]
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
  }
}

var appName = 'ca-hntt-${suffix}'
var publicUrl = 'https://${appName}.${environment.properties.defaultDomain}'

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'web' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    managedEnvironmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'auto'
        allowInsecure: false
      }
      registries: [ { server: registryLoginServer, identity: identityId } ]
      secrets: concat(
        [ { name: 'appinsights-connection', value: appInsightsConnectionString } ],
        map(secretSettings, s => { name: s.secret, keyVaultUrl: '${vaultUri}secrets/${s.secret}', identity: identityId }))
    }
    template: {
      containers: [
        {
          name: 'app'
          image: empty(image) ? 'mcr.microsoft.com/dotnet/samples:aspnetapp' : image
          resources: { cpu: json('1.0'), memory: '2Gi' }
          env: concat(settings, map(secretSettings, s => { name: s.name, secretRef: s.secret }), [
            { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
            { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
            { name: 'AZURE_CLIENT_ID', value: identityClientId }
            { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', secretRef: 'appinsights-connection' }
            { name: 'OTEL_SERVICE_NAME', value: 'hntt-web' }
            { name: 'Web__ApiBaseUrl', value: apiBaseUrl }
            { name: 'Smtp__PublicBaseUrl', value: publicUrl }
            { name: 'ASPNETCORE_URLS', value: 'http://+:8080' }
          ])
          probes: [
            { type: 'Liveness', httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 30 }
            { type: 'Readiness', httpGet: { path: '/readyz', port: 8080 }, periodSeconds: 10, failureThreshold: 6 }
          ]
        }
      ]
      scale: {
        minReplicas: 0
        maxReplicas: maxReplicas
        rules: [ { name: 'http', http: { metadata: { concurrentRequests: '50' } } } ]
      }
    }
  }
}

output url string = 'https://${app.properties.configuration.ingress.fqdn}'
