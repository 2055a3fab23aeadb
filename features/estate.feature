@static
Feature: The whole estate: every role and every route of the audited accounts
  Discovery reads every role, user and policy of the audited accounts
  (GetAccountAuthorizationDetails) and every route of their HTTP APIs (GetApis,
  GetRoutes, GetStages); crossgate's engine decides who may assume each role and
  who may invoke each route. A role or route added to the estate is covered here
  without editing this file.

  @control:XACCT-ESTATE-01
  Scenario: No role in account A can be assumed from outside account B
    Then no role in account A can be assumed from outside account B

  @control:XACCT-ESTATE-02
  Scenario: Exactly the delegated roles invoke the orders API, each exactly its routes
    Then only these principals can invoke the HTTP API "orders":
      | principal          | routes                        |
      | ApiInvokerRole     | every AWS_IAM route           |
      | OrdersReadOnlyRole | GET /orders, GET /orders/{id} |

  @control:XACCT-ESTATE-03
  Scenario: What account B can assume grants nothing beyond invoking the orders API
    Then the roles account B can assume grant nothing beyond invoking the HTTP API "orders"

  @control:XACCT-ESTATE-04
  Scenario: Every route of every HTTP API in account A requires IAM, but the health check
    Then every route of every HTTP API in account A uses AWS_IAM except "GET /health"

  @control:XACCT-ESTATE-05
  Scenario: Outsiders reach IAM routes only through the delegated roles
    Then no principal outside account A reaches an AWS_IAM route except through the delegated roles

  @simulation @control:XACCT-ESTATE-06
  Scenario: IAM's simulator confirms who can invoke the orders API
    Then IAM's simulation agrees with crossgate's engine on who can invoke the HTTP API "orders"

  @analyzer @control:XACCT-ESTATE-07
  Scenario: No role in account A has a public trust policy
    Then no role in account A has a trust policy that Access Analyzer finds public
