@static
Feature: The organization around the HTTP API
  Accounts A and B belong to one AWS Organizations organization, and the roles that
  reach the HTTP API may be assumed only from accounts of that organization: a trust
  policy naming an account that has left it, or '*', is a finding unless a condition
  on aws:PrincipalOrgID or a resource control policy keeps outsiders out.
  Run with an estate that has an organization (estates/org.json):
  crossgate run --features features --features features-org

  @control:XACCT-ORG-01
  Scenario: Account B belongs to the organization of account A
    Then the account B belongs to the organization of the account A

  @control:XACCT-ORG-02
  Scenario: The roles of account A may be assumed only from accounts of its organization
    Then the roles of the account A may be assumed only from accounts of its organization
