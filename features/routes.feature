@static
Feature: Execute-api ARNs and route authorization
  The invoke policies must name the orders API exactly (partition, region, account,
  api id, stage), and every route but the health check must require IAM
  authorization.

  @control:XACCT-ARN-01
  Scenario Outline: Invoke policies name the orders API exactly
    Then every execute-api ARN in the policies of the role <role> names the HTTP API "orders"

    Examples:
      | role               |
      | ApiInvokerRole     |
      | OrdersReadOnlyRole |

  @control:XACCT-ROUTE-01
  Scenario: Only the health check is open
    Then every route of the HTTP API "orders" uses AWS_IAM except "GET /health"

  @control:XACCT-ROUTE-02
  Scenario: The read-only role reaches exactly the GET routes
    Then the policies of the role OrdersReadOnlyRole allow exactly these routes of the HTTP API "orders":
      | route            |
      | GET /orders      |
      | GET /orders/{id} |
      | GET /health      |
