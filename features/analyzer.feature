@analyzer
Feature: IAM Access Analyzer on the delegated roles
  Access Analyzer's policy checks prove properties for every possible request, not
  just the ones a test sends: no public trust, no errors or security warnings, no
  delete through the read-only role, and no access beyond the committed baseline.

  @control:XACCT-AA-01
  Scenario Outline: The trust policy is not public
    Then the trust policy of the role <role> is not publicly assumable

    Examples:
      | role               |
      | ApiInvokerRole     |
      | OrdersReadOnlyRole |

  @control:XACCT-AA-02
  Scenario Outline: The policies have no errors and no security warnings
    Then the policies of the role <role> have no Access Analyzer findings of type ERROR
    And the policies of the role <role> have no Access Analyzer findings of type SECURITY_WARNING

    Examples:
      | role               |
      | ApiInvokerRole     |
      | OrdersReadOnlyRole |

  @control:XACCT-AA-03
  Scenario: The read-only role can never delete an order
    Then the policies of the role OrdersReadOnlyRole grant none of these:
      | action             | resource                                                                |
      | execute-api:Invoke | arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/DELETE/* |
      | execute-api:Invoke | arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/$default/POST/*   |

  @control:XACCT-AA-04
  Scenario Outline: No new access compared to the committed baseline
    Then the policies of the role <role> grant no new access compared to its baseline

    Examples:
      | role               |
      | ApiInvokerRole     |
      | OrdersReadOnlyRole |
