// The whole service on Azure: `azd up` deploys it. One resource group per environment.
targetScope = 'subscription'

@minLength(1)
@maxLength(20)
@description('Name of the environment (azd sets it), e.g. thanhhoa-prod; names every resource.')
param environmentName string

@minLength(1)
@description('Azure region, e.g. southeastasia.')
param location string

@description('SMTP server for notices (TH Art. 7.1: official e-mail).')
param smtpHost string

@description('SMTP port.')
param smtpPort int = 587

@description('SMTP user name.')
param smtpUser string = ''

@secure()
@description('SMTP password; stored in Key Vault.')
param smtpPassword string = ''

@description('Sender address of notices.')
param smtpFrom string = 'hntt@example.gov.vn'

@description('Identity provider issuer, e.g. https://login.microsoftonline.com/{tenant}/v2.0.')
param authAuthority string

@description('Audience of the API tokens (the API app registration id).')
param authAudience string

@description('Client id of the pages at the identity provider.')
param authClientId string

@secure()
@description('Client secret of the pages; stored in Key Vault.')
param authClientSecret string

@description('How commands reach the on-prem relay: Https through the provincial VPN, or ServiceBus, outbound-only from the province (docs/relay.md).')
@allowed([ 'Https', 'ServiceBus' ])
param relayTransport string = 'Https'

@description('Https: address of the on-prem relay, reached through the provincial VPN (SL I.5), e.g. https://relay.ppc.local:8443/. Empty: no MCU is connected.')
param relayBaseUrl string = ''

@description('ServiceBus: object id of the relay\'s service principal (it signs in with a certificate); empty: grant its two roles later.')
param relayPrincipalId string = ''

@description('ServiceBus: give the relay SAS keys (Listen on commands, Send on answers) instead of a service principal.')
param relayUsesSas bool = false

@description('The DIC operations mailbox alerted when relay commands are dead-lettered; empty: no alert.')
param alertEmail string = ''

@secure()
@description('HMAC key (base64) the service signs relay commands with; stored in Key Vault.')
param relayKey string = ''

@description('The provincial network behind the VPN, where the relay listens (e.g. 10.10.0.0/16); empty: no VPN is built.')
param onPremAddressPrefix string = ''

@description('Public IP of the provincial VPN device.')
param onPremGatewayIp string = ''

@secure()
@description('Pre-shared key of the site-to-site VPN.')
param vpnSharedKey string = ''

@description('Registry preset: ThanhHoa or SonLa.')
@allowed([ 'ThanhHoa', 'SonLa' ])
param registryPreset string = 'ThanhHoa'

@description('Container image of the service; azd sets it on deploy, a placeholder serves the first provision.')
param serviceImage string = ''

var tags = { 'azd-env-name': environmentName, product: 'hntt' }
var suffix = toLower(uniqueString(subscription().id, environmentName, location))

resource group 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rg-hntt-${environmentName}'
  location: location
  tags: tags
}

module resources 'resources.bicep' = {
  name: 'hntt-resources'
  scope: group
  params: {
    location: location
    tags: tags
    suffix: suffix
    smtpHost: smtpHost
    smtpPort: smtpPort
    smtpUser: smtpUser
    smtpPassword: smtpPassword
    smtpFrom: smtpFrom
    authAuthority: authAuthority
    authAudience: authAudience
    authClientId: authClientId
    authClientSecret: authClientSecret
    relayTransport: relayTransport
    relayBaseUrl: relayBaseUrl
    relayPrincipalId: relayPrincipalId
    relayUsesSas: relayUsesSas
    alertEmail: alertEmail
    relayKey: relayKey
    registryPreset: registryPreset
    serviceImage: serviceImage
    onPremAddressPrefix: onPremAddressPrefix
    onPremGatewayIp: onPremGatewayIp
    vpnSharedKey: vpnSharedKey
  }
}

output AZURE_RESOURCE_GROUP string = group.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = resources.outputs.registryLoginServer
output SERVICE_WEB_URL string = resources.outputs.webUrl
output SERVICE_API_URL string = resources.outputs.apiUrl
