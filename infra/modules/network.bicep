// The service's network: a subnet for the Container Apps environment and, when the province gives its VPN details,
// a site-to-site VPN to the provincial network where the relay runs (SL I.5: the MCUs are never exposed to the internet).
param suffix string
param location string
param tags object

@description('Address space of the service network.')
param addressPrefix string = '10.60.0.0/16'

@description('The provincial network behind the VPN (where the relay listens), e.g. 10.10.0.0/16; empty: no VPN.')
param onPremAddressPrefix string

@description('Public IP of the provincial VPN device.')
param onPremGatewayIp string

@secure()
@description('Pre-shared key of the site-to-site VPN.')
param vpnSharedKey string

var withVpn = !empty(onPremAddressPrefix) && !empty(onPremGatewayIp) && !empty(vpnSharedKey)

resource network 'Microsoft.Network/virtualNetworks@2025-05-01' = {
  name: 'vnet-hntt-${suffix}'
  location: location
  tags: tags
  properties: {
    addressSpace: { addressPrefixes: [ addressPrefix ] }
    subnets: [
      {
        name: 'apps'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 23, 0)
          delegations: [ { name: 'containerapps', properties: { serviceName: 'Microsoft.App/environments' } } ]
        }
      }
      {
        name: 'GatewaySubnet'
        properties: { addressPrefix: cidrSubnet(addressPrefix, 27, 64) }
      }
      {
        // The Functions app's outbound traffic (Flex Consumption VNet integration): it reaches the relay through the VPN.
        name: 'functions'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 3)
          delegations: [ { name: 'flexconsumption', properties: { serviceName: 'Microsoft.App/environments' } } ]
        }
      }
    ]
  }
}

resource gatewayIp 'Microsoft.Network/publicIPAddresses@2025-05-01' = if (withVpn) {
  name: 'pip-vpn-hntt-${suffix}'
  location: location
  tags: tags
  sku: { name: 'Standard' }
  zones: [ '1', '2', '3' ]
  properties: { publicIPAllocationMethod: 'Static' }
}

resource gateway 'Microsoft.Network/virtualNetworkGateways@2025-05-01' = if (withVpn) {
  name: 'vgw-hntt-${suffix}'
  location: location
  tags: tags
  properties: {
    gatewayType: 'Vpn'
    vpnType: 'RouteBased'
    sku: { name: 'VpnGw1AZ', tier: 'VpnGw1AZ' }
    ipConfigurations: [
      {
        name: 'default'
        properties: {
          subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', network.name, 'GatewaySubnet') }
          publicIPAddress: { id: gatewayIp.id }
        }
      }
    ]
  }
}

resource province 'Microsoft.Network/localNetworkGateways@2025-05-01' = if (withVpn) {
  name: 'lgw-province-${suffix}'
  location: location
  tags: tags
  properties: {
    gatewayIpAddress: onPremGatewayIp
    localNetworkAddressSpace: { addressPrefixes: [ onPremAddressPrefix ] }
  }
}

resource connection 'Microsoft.Network/connections@2025-05-01' = if (withVpn) {
  name: 'cn-hntt-province-${suffix}'
  location: location
  tags: tags
  properties: {
    connectionType: 'IPsec'
    virtualNetworkGateway1: { id: gateway.id, properties: {} }
    localNetworkGateway2: { id: province.id, properties: {} }
    sharedKey: vpnSharedKey
    connectionProtocol: 'IKEv2'
  }
}

output appsSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', network.name, 'apps')
output functionsSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', network.name, 'functions')
