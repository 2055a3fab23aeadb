@simulation
Feature: What IAM's policy simulator decides
  IAM's own simulator (SimulatePrincipalPolicy, SimulateCustomPolicy) must agree with
  the intent: the invoker role reaches every IAM route, the read-only role only reads,
  and only account B passes the trust policy.

  Background:
    Given the HTTP API "orders"

  @control:XACCT-SIM-01
  Scenario: The invoker role may invoke every IAM route of the orders API
    Then IAM's simulation gives the role ApiInvokerRole this access:
      | method | path       | access  |
      | GET    | /orders    | allowed |
      | POST   | /orders    | allowed |
      | GET    | /orders/42 | allowed |
      | DELETE | /orders/42 | allowed |

  @control:XACCT-SIM-02
  Scenario: The read-only role may only read
    Then IAM's simulation gives the role OrdersReadOnlyRole this access:
      | method | path       | access  |
      | GET    | /orders    | allowed |
      | POST   | /orders    | denied  |
      | GET    | /orders/42 | allowed |
      | DELETE | /orders/42 | denied  |

  @control:XACCT-SIM-03
  Scenario: Account B passes the invoker role's trust policy
    Then IAM's simulation of the trust policy of the role ApiInvokerRole lets ci-caller assume it

  @control:XACCT-SIM-03
  Scenario: Account C does not pass the invoker role's trust policy
    Then IAM's simulation of the trust policy of the role ApiInvokerRole does not let outsider assume it

  @control:XACCT-SIM-04
  Scenario: crossgate's engine, IAM and the deployed API agree on the read-only role
    Then crossgate's engine, IAM's simulation and live requests by ci-caller through the role OrdersReadOnlyRole agree on every AWS_IAM route
