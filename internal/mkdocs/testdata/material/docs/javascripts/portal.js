// A script-route widget: #/portal opens the account portal.
