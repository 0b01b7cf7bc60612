// The Functions app (functions/Functions): the API, the durable meeting workflow and the timer triggers, on the Flex
// Consumption plan — it scales to zero between meetings and out on the task hub's queues, and it joins the VNet, so its
// calls to the relay go through the provincial VPN (docs/deploy.md says why this plan). Storage by identity, no keys;
// secrets are Key Vault references; telemetry to Application Insights.
param suffix string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param subnetId string
param vaultUri string
@secure()
param appInsightsConnectionString string

@description('Plain settings as [{ name, value }].')
param settings object[]

@description('Settings read from Key Vault as [{ name, secret }].')
param secretSettings object[]

@description('At most this many instances: a meeting\'s burst of notices and commands fits in far fewer.')
param maximumInstanceCount int = 40

// host.json's timers (read on the province's clock, Asia/Ho_Chi_Minh) stated in UTC: Functions on Linux reads
// schedules in UTC and ignores WEBSITE_TIME_ZONE. The worker refuses to start when one disagrees with host.json.
var utcSchedules = [
  { name: 'MorningDigestScheduleUtc', value: '0 30 23 * * *' }
  { name: 'ReadinessSweepScheduleUtc', value: '0 */15 * * * *' }
  { name: 'RegistryCheckScheduleUtc', value: '0 0 0 * * 1' }
  { name: 'YearEndReportScheduleUtc', value: '0 0 1 1 12 *' }
]

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' existing = {
  parent: storage
  name: 'default'
}

// Where azd puts the app's package; the platform reads it with the app's identity.
resource packages 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobs
  name: 'app-package-hntt'
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: 'plan-hntt-${suffix}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: 'func-hntt-${suffix}'
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    virtualNetworkSubnetId: subnetId
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${packages.name}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: maximumInstanceCount, instanceMemoryMB: 2048 }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat(settings, utcSchedules, map(secretSettings, s => {
        name: s.name
        value: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${s.secret})'
      }), [
        { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        { name: 'AZURE_CLIENT_ID', value: identityClientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
        { name: 'OTEL_SERVICE_NAME', value: 'hntt-functions' }
      ])
    }
  }
}

output name string = app.name
output url string = 'https://${app.properties.defaultHostName}'
