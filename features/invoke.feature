@e2e
Feature: Cross-account invocation of an IAM-authorized HTTP API
  Account B's CI principal reaches the orders API in account A only through a role
  that account A delegates to it: it assumes the role, then signs its requests with
  the temporary credentials (SigV4). Everything else is refused.

  Background:
    Given the HTTP API "orders"

  @control:XACCT-E2E-01
  Scenario: A role session from account B invokes an IAM-authorized route
    Given ci-caller has assumed the role ApiInvokerRole
    When ci-caller sends a signed GET /orders
    Then the response status is 200
    And the API saw the caller as the assumed role ApiInvokerRole

  @control:XACCT-E2E-02
  Scenario: An unsigned request to an IAM-authorized route is refused
    When an anonymous caller sends an unsigned GET /orders
    Then the response status is 403
    And the error type is MissingAuthenticationTokenException
    And the error message is "Missing Authentication Token"

  @control:XACCT-E2E-08
  Scenario: A request to a route the API does not have is not found
    When an anonymous caller sends an unsigned GET /invoices
    Then the response status is 404
    And the error type is NotFoundException
    And the error message is "Not Found"

  @control:XACCT-E2E-03
  Scenario: The health route needs no signature
    When an anonymous caller sends an unsigned GET /health
    Then the response status is 200

  @control:XACCT-E2E-04
  Scenario: Account B's own credentials do not reach the API without the role
    When ci-caller sends a signed GET /orders with its own credentials
    Then the response status is 403
    And the error type is AccessDeniedException

  @control:XACCT-E2E-05
  Scenario: The read-only role may read an order
    Given ci-caller has assumed the role OrdersReadOnlyRole
    When ci-caller sends a signed GET /orders/42
    Then the response status is 200

  @control:XACCT-E2E-05
  Scenario: The read-only role may not delete an order
    Given ci-caller has assumed the role OrdersReadOnlyRole
    When ci-caller sends a signed DELETE /orders/42
    Then the response status is 403
    And the error type is AccessDeniedException

  @control:XACCT-TRUST-01
  Scenario Outline: Principals without a trust path cannot assume the invoker role
    When <principal> tries to assume the role ApiInvokerRole
    Then the assumption is denied

    Examples:
      | principal |
      | bystander |
      | outsider  |

  @control:XACCT-E2E-06
  Scenario: A request whose signature was tampered with is refused
    Given ci-caller has assumed the role ApiInvokerRole
    When ci-caller sends a GET /orders with a tampered signature
    Then the response status is 403
    And the error type is InvalidSignatureException

  @control:XACCT-E2E-07
  Scenario: A request signed too long ago is refused
    Given ci-caller has assumed the role ApiInvokerRole
    When ci-caller sends a GET /orders signed 10 minutes ago
    Then the response status is 403
    And the error type is InvalidSignatureException
