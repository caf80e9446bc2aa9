alias a1='echo x'
alias a1
alias
