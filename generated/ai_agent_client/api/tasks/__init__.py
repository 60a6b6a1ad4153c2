"""Contains endpoint functions for the API's tasks operations"""
