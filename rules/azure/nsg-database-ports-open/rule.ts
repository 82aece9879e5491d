// CL-AZ-009: a network security group rule (inline or a separate azurerm_network_security_rule) that lets the internet
// reach a database, cache or search port.
import { azurermDoc, defineRule, NOT_PUBLIC } from '../../kit';
import { AZ_DATABASE_TABLE, NSG_PROVIDER, nsgOpenPortChecks } from '../../lib/azure-network';

export default defineRule({
  id: 'CL-AZ-009',
  slug: 'nsg-database-ports-open',
  title: 'Network security group allows database ports from the internet',
  severity: 'high',
  fixable: false,
  description:
    'An inbound Allow rule from any address (*, Internet, Any, 0.0.0.0/0) to a database, cache or search port (SQL Server 1433, MySQL 3306, PostgreSQL 5432, Redis 6379, MongoDB 27017, Elasticsearch 9200 and others) puts the data store where internet-wide scanners find it and try default credentials and known exploits.',
  remediation: 'Allow database ports only from the application subnets (the VirtualNetwork tag or their prefixes), or use private endpoints.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'network',
    provider: NSG_PROVIDER,
    customer: 'keeping data stores off the internet is yours to decide',
  },
  frameworks: NOT_PUBLIC,
  equivalents: {},
  docs: ['https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview', azurermDoc('network_security_group', 'security_rule'), azurermDoc('network_security_rule')],
  checks: nsgOpenPortChecks(AZ_DATABASE_TABLE, 'so the data store is reachable by anyone'),
});
