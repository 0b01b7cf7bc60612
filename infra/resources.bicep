// Everything in the environment's resource group, wired together.
param location string
param tags object
param suffix string
param smtpHost string
param smtpPort int
param smtpUser string
@secure()
param smtpPassword string
param smtpFrom string
param authAuthority string
param authAudience string
param authClientId string
@secure()
param authClientSecret string
param relayTransport string
param relayBaseUrl string
param relayPrincipalId string
param relayUsesSas bool
param alertEmail string
@secure()
param relayKey string
param registryPreset string
param serviceImage string
param onPremAddressPrefix string
param onPremGatewayIp string
@secure()
param vpnSharedKey string

module network 'modules/network.bicep' = {
  name: 'network'
  params: {
    suffix: suffix
    location: location
    tags: tags
    onPremAddressPrefix: onPremAddressPrefix
    onPremGatewayIp: onPremGatewayIp
    vpnSharedKey: vpnSharedKey
  }
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: { name: 'id-hntt-${suffix}', location: location, tags: tags }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: { suffix: suffix, location: location, tags: tags }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: { name: 'sthntt${suffix}', location: location, tags: tags, principalId: identity.outputs.principalId }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: 'kv-hntt-${suffix}'
    location: location
    tags: tags
    principalId: identity.outputs.principalId
    secrets: {
      'smtp-password': smtpPassword
      'auth-client-secret': authClientSecret
      'relay-key': relayKey
    }
  }
}

module serviceBus 'modules/servicebus.bicep' = if (relayTransport == 'ServiceBus') {
  name: 'servicebus'
  params: {
    name: 'sb-hntt-${suffix}'
    location: location
    tags: tags
    principalId: identity.outputs.principalId
    relayPrincipalId: relayPrincipalId
    relayUsesSas: relayUsesSas
    alertEmail: alertEmail
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  params: { name: 'crhntt${suffix}', location: location, tags: tags, principalId: identity.outputs.principalId }
}

// The settings both front doors read: the Functions app runs the workflow on them, the pages' web app shows them.
var settings = [
  { name: 'Registry__Preset', value: registryPreset }
  { name: 'Smtp__Host', value: smtpHost }
  { name: 'Smtp__Port', value: string(smtpPort) }
  { name: 'Smtp__UserName', value: smtpUser }
  { name: 'Smtp__FromAddress', value: smtpFrom }
  { name: 'Smtp__Security', value: 'StartTls' }
  { name: 'Auth__Authority', value: authAuthority }
  { name: 'Auth__Audience', value: authAudience }
  { name: 'Auth__ClientId', value: authClientId }
  { name: 'RelayClient__Transport', value: relayTransport }
  { name: 'RelayClient__BaseUrl', value: relayBaseUrl }
  { name: 'RelayClient__ServiceBus__Namespace', value: serviceBus.?outputs.namespaceHost ?? '' }
  { name: 'RelayClient__ServiceBus__ClientId', value: identity.outputs.clientId }
]

// Only the secrets that were given: a Key Vault reference to a missing secret would stop the app.
var secretSettings = concat(
  empty(smtpPassword) ? [] : [ { name: 'Smtp__Password', secret: 'smtp-password' } ],
  [ { name: 'Auth__ClientSecret', secret: 'auth-client-secret' } ],
  empty(relayKey) ? [] : [ { name: 'RelayClient__Key', secret: 'relay-key' } ])

module api 'modules/functionapp.bicep' = {
  name: 'api'
  params: {
    suffix: suffix
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    subnetId: network.outputs.functionsSubnetId
    vaultUri: vault.outputs.uri
    appInsightsConnectionString: monitoring.outputs.connectionString
    settings: concat(settings, [ { name: 'Smtp__PublicBaseUrl', value: web.outputs.url } ])
    secretSettings: secretSettings
  }
}

// The Functions app's address, known before it exists (its default host name), so the pages can call it.
var apiUrl = 'https://func-hntt-${suffix}.azurewebsites.net'

module web 'modules/containerapp.bicep' = {
  name: 'web'
  params: {
    apiBaseUrl: apiUrl
    suffix: suffix
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    workspaceName: monitoring.outputs.workspaceName
    appInsightsConnectionString: monitoring.outputs.connectionString
    registryLoginServer: registry.outputs.loginServer
    image: serviceImage
    storageAccountName: storage.outputs.name
    subnetId: network.outputs.appsSubnetId
    vaultUri: vault.outputs.uri
    settings: settings
    secretSettings: secretSettings
  }
}

output registryLoginServer string = registry.outputs.loginServer
output webUrl string = web.outputs.url
output apiUrl string = api.outputs.url
output apiName string = api.outputs.name
