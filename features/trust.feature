@static
Feature: Role trust relationships
  Account A delegates access to its HTTP API through roles whose trust policies name
  account B. Nobody else may be able to assume them: not account C, not "any AWS
  account", not a service.

  @control:XACCT-TRUST-02
  Scenario: The invoker role trusts account B
    Then the role ApiInvokerRole trusts the account B

  @control:XACCT-TRUST-03
  Scenario Outline: The delegated roles trust no account other than B
    Then the role <role> trusts no account other than B

    Examples:
      | role               |
      | ApiInvokerRole     |
      | OrdersReadOnlyRole |
